//! The formula guard (OWASP "CSV injection"): a cell that a spreadsheet could run as a formula.
//!
//! Spreadsheets skip leading blanks, and Calc and Excel take the fullwidth signs of East Asian
//! input methods (＝ ＋ － ＠) for the ASCII ones, so ` \t=1+1` and `＝1+1` are as dangerous as
//! `=1+1`. The CSV prefixes such a cell with an apostrophe; the workbook writes every text as a
//! string cell (never a formula) and marks these with Excel's quote prefix as well, so editing
//! the cell does not turn it into one.

/// Signs that start a formula (or a DDE call) in Excel, Calc or Sheets.
const TRIGGERS: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];

/// True when a spreadsheet could read `cell` as a formula: its first character that is not
/// blank (space, tab, CR, LF, no-break space, …) is a formula sign, or it starts with a tab or a
/// carriage return (which some spreadsheets strip before looking).
pub fn risky(cell: &str) -> bool {
    cell.starts_with(['\t', '\r'])
        || cell
            .trim_start()
            .starts_with(|c: char| TRIGGERS.contains(&c))
}

/// `cell`, with a leading apostrophe when it is [`risky`].
pub fn neutralise(cell: &str) -> String {
    if risky(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for c in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(c), format!("'{c}"));
        }
        assert_eq!(neutralise("Élodie"), "Élodie");
        assert_eq!(neutralise("12,5"), "12,5");
        assert_eq!(neutralise("a=b"), "a=b");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn blanks_before_the_sign_do_not_hide_it() {
        for c in [
            " =1+1",
            " \t=1+1",
            "\r\n=1+1",
            "\u{a0}=1+1",
            "  \t @A1",
            "\n-1",
        ] {
            assert!(risky(c), "{c:?}");
            assert_eq!(neutralise(c), format!("'{c}"));
        }
        assert!(!risky("   "), "blank only");
        assert!(!risky(" Jean-Marc"), "a sign inside the text is harmless");
    }

    #[test]
    fn fullwidth_signs_are_formula_signs() {
        for c in ["＝1+1", "＋1", "－1", "＠SUM(A1)", " \t＝1+1"] {
            assert!(risky(c), "{c:?}");
        }
        assert!(!risky("Ｅｌｏｄｉｅ"), "other fullwidth letters are text");
    }
}
