//! The exports and the printed paper in one binary: the CSV and the workbook read back, the
//! CSV in a real LibreOffice, the bordereau and the grids (HTML snapshots, then printed to PDF
//! by a real Chromium), and their subcommands against the real binary.

#[path = "../kit/mod.rs"]
mod kit;

mod bordereau;
mod bordereau_cli;
mod cli;
mod csv_notes;
mod grille_html;
mod impression_pdf;
mod keycard_pdf;
mod libreoffice;
mod xlsx;
