//! The dialogs the app opens over any screen: the help (`?`), the yes/no questions, and the
//! free remark of a séance screen (`r`).

pub mod help;
pub mod question;
pub mod remark;
