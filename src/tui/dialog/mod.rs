//! The dialogs the app opens over any screen: the help (`?`) and the yes/no questions.

pub mod help;
pub mod question;
