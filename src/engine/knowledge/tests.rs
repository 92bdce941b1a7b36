use super::*;

fn packed(lines: &[&str]) -> &'static str {
    Box::leak(format!("{HEADER}\n{}\n", lines.join("\n")).into_boxed_str())
}

const ENTRA: &str = "AADSTS700016\tbody\tMicrosoft Entra ID\tentra.app_not_found\tNo such app\tThe client id is unknown.\tUse the right id.\thttps://learn.microsoft.com/x";
const ENTRA_2: &str = "AADSTS7000215\tbody\tMicrosoft Entra ID\toauth.invalid_client\tWrong secret\tThe secret is wrong.\tUse the secret's value.\thttps://learn.microsoft.com/y";
const SAME_CAUSE: &str = "AADSTS7000222\tbody\tMicrosoft Entra ID\toauth.invalid_client\tExpired secret\tThe secret expired.\tMake a new one.\thttps://learn.microsoft.com/z";

#[test]
fn finds_each_cause_once_in_text_order() {
    let base: &'static Base = Box::leak(Box::new(
        Base::parse(packed(&[ENTRA, ENTRA_2, SAME_CAUSE])).unwrap(),
    ));
    let hits = base.hits("x aadsts7000222: expired. AADSTS700016: not found. AADSTS7000215");
    let got: Vec<_> = hits
        .iter()
        .map(|h| (h.entry.cause_id.as_str(), h.said))
        .collect();
    assert_eq!(
        got,
        vec![
            ("oauth.invalid_client", "aadsts7000222"),
            ("entra.app_not_found", "AADSTS700016")
        ]
    );
    assert!(base.hits("AADSTS7000160 and AADSTS70001").is_empty());
}

#[test]
fn a_damaged_pack_says_which_line() {
    assert_eq!(Base::parse("nope").unwrap_err().line, 1);
    let e = Base::parse(packed(&[ENTRA, "x\tbody"])).unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.to_string().contains("line 3: expected"));
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_built_in_base_is_read_whole() {
    let base = base().expect("built in natively");
    let lines = BUILT_IN.lines().filter(|l| !l.is_empty()).count();
    assert_eq!(
        base.entries().len(),
        lines - 1,
        "every packed line is an entry"
    );
    assert!(base.entries().len() > 30);
}

#[test]
fn hits_stop_at_the_cap() {
    let lines: Vec<String> = (0..MAX_CAUSES + 3)
        .map(|i| format!("CODE{i:04}X\tlog\tP\tp.cause_{i}\tc\tm\tf\thttps://x"))
        .collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let base: &'static Base = Box::leak(Box::new(Base::parse(packed(&refs)).unwrap()));
    let text: String = (0..MAX_CAUSES + 3)
        .map(|i| format!("CODE{i:04}X "))
        .collect();
    assert_eq!(base.hits(&text).len(), MAX_CAUSES);
}
