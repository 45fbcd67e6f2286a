//! A batch being composed and not yet sent, as it is kept between runs: what the form held,
//! exactly.

/// What the compose form held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The chosen targets, as their display strings: `E2QWRUHAPOMQZL`, `tenant:dt_…`.
    pub targets: Vec<String>,
    /// The editor's text exactly, every line, including blank and rejected ones.
    pub text: String,
    pub caller_reference: String,
}
