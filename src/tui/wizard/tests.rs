use super::*;
use crate::referentiel::load_embedded;

fn cand(n: &str, nom: &str) -> Candidat {
    Candidat {
        numero: n.into(),
        nom: nom.into(),
        prenom: "P".into(),
        etablissement: "L".into(),
    }
}

fn no_members(_: &str, _: FormeKind) -> Vec<Membre> {
    Vec::new()
}

fn prev_members(_: &str, _: FormeKind) -> Vec<Membre> {
    vec![Membre {
        nom: "Mme Prof".into(),
        qualite: "enseignant".into(),
    }]
}

fn run(w: &mut Wizard, ctx: &WizardCtx, actions: &[Action]) -> Option<Choice> {
    for a in actions {
        if let WizardOutcome::Open(c) = w.update(a, ctx) {
            return Some(c);
        }
    }
    None
}

fn typed(s: &str) -> Vec<Action> {
    s.chars().map(Action::Char).collect()
}

#[test]
fn e1_ponctuel_with_a_typed_in_candidate() {
    let r = load_embedded().unwrap();
    let ctx = WizardCtx {
        r: &r,
        imported: &[],
        voies: &Default::default(),
        last_members: &no_members,
    };
    let mut w = Wizard::new();
    // E1 (Enter), ponctuel (2), situation unique (Enter).
    run(
        &mut w,
        &ctx,
        &[Action::Confirm, Action::Char('2'), Action::Confirm],
    );
    assert_eq!(w.step, Step::Candidats);
    assert!(w.manual.is_some(), "no import: the form opens at once");
    assert!(w.typing(&[]));
    let mut keys = typed("0123");
    keys.push(Action::Confirm);
    keys.extend(typed("Durand"));
    keys.extend([Action::Confirm, Action::Confirm, Action::Confirm]);
    run(&mut w, &ctx, &keys);
    assert_eq!(w.step, Step::Membres, "{:?}", w.error);
    let mut keys = typed("M. Prof");
    keys.push(Action::Confirm);
    keys.extend(typed("Mme Pro"));
    keys.extend([Action::Right, Action::Confirm, Action::Confirm]);
    run(&mut w, &ctx, &keys);
    assert_eq!(w.step, Step::Recap);
    let c = run(&mut w, &ctx, &[Action::Confirm]).expect("opens");
    assert_eq!(
        (c.epreuve.as_str(), c.forme, c.situation.as_str()),
        ("E1", FormeKind::Ponctuel, "unique")
    );
    assert_eq!(c.candidats.len(), 1);
    assert_eq!(
        (c.candidats[0].numero.as_str(), c.candidats[0].nom.as_str()),
        ("0123", "Durand")
    );
    assert!(c.candidats[0].prenom.is_empty());
    let q: Vec<&str> = c.membres.iter().map(|m| m.qualite.as_str()).collect();
    assert_eq!(q, ["enseignant", "professionnel"]);
}

#[test]
fn manual_form_requires_numero_and_nom() {
    let r = load_embedded().unwrap();
    let ctx = WizardCtx {
        r: &r,
        imported: &[],
        voies: &Default::default(),
        last_members: &no_members,
    };
    let mut w = Wizard::new();
    run(
        &mut w,
        &ctx,
        &[Action::Confirm, Action::Char('2'), Action::Confirm],
    );
    run(
        &mut w,
        &ctx,
        &[Action::Down, Action::Down, Action::Down, Action::Confirm],
    );
    assert_eq!(w.step, Step::Candidats);
    assert!(w.error.as_deref().unwrap().contains("obligatoires"));
    assert_eq!(w.manual.as_ref().unwrap().focus, 0);
}

#[test]
fn group_picks_from_the_import_with_search_and_prefills_the_commission() {
    let r = load_embedded().unwrap();
    let imported = vec![cand("1", "Durand"), cand("2", "Martin"), cand("3", "Éloi")];
    let ctx = WizardCtx {
        r: &r,
        imported: &imported,
        voies: &Default::default(),
        last_members: &prev_members,
    };
    let mut w = Wizard::new();
    // E1, CCF (1), situation A (1): a group of 2 to 4.
    run(
        &mut w,
        &ctx,
        &[Action::Confirm, Action::Char('1'), Action::Char('1')],
    );
    assert_eq!(w.step, Step::Candidats);
    assert_eq!(w.group_size(&r), (2, 4));
    let mut keys = typed("mart");
    keys.push(Action::Confirm);
    keys.extend(typed("eloi"));
    keys.push(Action::Confirm);
    run(&mut w, &ctx, &keys);
    let numeros: Vec<&str> = w.chosen.iter().map(|c| c.numero.as_str()).collect();
    assert_eq!(numeros, ["2", "3"]);
    // Two chosen: the first row is "continue".
    assert_eq!(w.rows(&r, &imported)[0], Row::Continue);
    run(&mut w, &ctx, &[Action::Confirm]);
    assert_eq!(w.step, Step::Membres);
    assert_eq!(w.membres.len(), 1, "prefilled from the previous séance");
    // Backspace on an empty name removes the last member.
    run(&mut w, &ctx, &[Action::Backspace]);
    assert!(w.membres.is_empty());
}

#[test]
fn group_refuses_a_fifth_candidate() {
    let r = load_embedded().unwrap();
    let imported: Vec<Candidat> = (1..=5).map(|i| cand(&i.to_string(), "X")).collect();
    let ctx = WizardCtx {
        r: &r,
        imported: &imported,
        voies: &Default::default(),
        last_members: &no_members,
    };
    let mut w = Wizard::new();
    run(
        &mut w,
        &ctx,
        &[Action::Confirm, Action::Char('1'), Action::Char('1')],
    );
    for _ in 0..4 {
        w.cursor_to_first_match(&ctx);
        run(&mut w, &ctx, &[Action::Confirm]);
        w.cursor_to_first_match(&ctx);
    }
    assert_eq!(w.chosen.len(), 4);
    let first = w
        .rows(&r, &imported)
        .iter()
        .position(|r| matches!(r, Row::Imported(_)))
        .unwrap();
    w.cursor = first;
    run(&mut w, &ctx, &[Action::Confirm]);
    assert_eq!(w.chosen.len(), 4);
    assert!(w.error.as_deref().unwrap().contains("4 personnes"));
}

#[test]
fn esc_walks_back_and_cancels_at_the_first_step() {
    let r = load_embedded().unwrap();
    let ctx = WizardCtx {
        r: &r,
        imported: &[],
        voies: &Default::default(),
        last_members: &no_members,
    };
    let mut w = Wizard::new();
    run(&mut w, &ctx, &[Action::Char('3'), Action::Back]);
    assert_eq!(w.step, Step::Epreuve);
    assert_eq!(w.epreuve, 2, "the choice is kept when going back");
    assert!(matches!(
        w.update(&Action::Back, &ctx),
        WizardOutcome::Cancel
    ));
}

#[test]
fn picking_by_enter_alone_never_removes_who_was_just_picked() {
    let r = load_embedded().unwrap();
    let imported = vec![cand("1", "Durand"), cand("2", "Martin"), cand("3", "Éloi")];
    let ctx = WizardCtx {
        r: &r,
        imported: &imported,
        voies: &Default::default(),
        last_members: &no_members,
    };
    let mut w = Wizard::new();
    run(
        &mut w,
        &ctx,
        &[Action::Confirm, Action::Char('1'), Action::Char('1')],
    );
    // Enter, Enter: the first two of the list, then « Continuer » is where the cursor waits.
    run(&mut w, &ctx, &[Action::Confirm, Action::Confirm]);
    let numeros: Vec<&str> = w.chosen.iter().map(|c| c.numero.as_str()).collect();
    assert_eq!(numeros, ["1", "2"]);
    run(&mut w, &ctx, &[Action::Confirm]);
    assert_eq!(w.step, Step::Membres);
}
