//! Each rule of `src/policy.rs` on its own, through the library: allowed
//! and refused at its boundaries (the same role, one role above, another
//! domain, a role inherited from a group, the built-in administrator).
//! `policy.rs` beside this file runs the same rules through the binary.

use mailuser::address::Address;
use mailuser::directory::{Directory, Role};
use mailuser::error::{Error, Result};
use mailuser::policy::{self, Actor};

/// Every role, lowest to highest.
const ROLES: [Role; 5] = [
    Role::None,
    Role::ReadOnly,
    Role::AccountAdmin,
    Role::Full,
    Role::BuiltIn,
];

/// The directory the rules are checked against. Roles marked "via" come
/// from a group only; `helpdesk` is a group of both domains, with
/// different roles.
const USERS_JSON: &str = r#"{
  "users": [
    {"name": "admin", "domain": "a.org", "role": "built-in"},
    {"name": "full", "domain": "a.org", "role": "full"},
    {"name": "bfull", "domain": "b.org", "role": "full"},
    {"name": "aadmin", "domain": "a.org", "role": "account-admin"},
    {"name": "aadmin2", "domain": "a.org", "role": "account-admin"},
    {"name": "badmin", "domain": "b.org", "role": "account-admin"},
    {"name": "ro", "domain": "a.org", "role": "read-only"},
    {"name": "plain", "domain": "a.org", "enabled": true, "locked": false},
    {"name": "bplain", "domain": "b.org"},
    {"name": "helper", "domain": "a.org", "groups": ["helpdesk"]},
    {"name": "Helper2", "domain": "A.org", "groups": ["HelpDesk"]},
    {"name": "bhelper", "domain": "b.org", "groups": ["helpdesk"]},
    {"name": "boss", "domain": "a.org", "role": "read-only", "groups": ["managers", "helpdesk"]},
    {"name": "fullhelper", "domain": "a.org", "role": "full", "groups": ["helpdesk"]},
    {"name": "roleless", "domain": "a.org", "groups": ["club", "nosuchgroup"]},
    {"name": "twin", "domain": "a.org", "role": "full"},
    {"name": "twin", "domain": "b.org", "role": "full"},
    {"name": "off", "domain": "a.org", "role": "full", "enabled": false},
    {"name": "locked", "domain": "a.org", "role": "full", "locked": true},
    {"name": "offlocked", "domain": "a.org", "role": "full", "enabled": false, "locked": true}
  ],
  "groups": [
    {"name": "helpdesk", "domain": "a.org", "role": "account-admin"},
    {"name": "managers", "domain": "a.org", "role": "full"},
    {"name": "helpdesk", "domain": "b.org", "role": "read-only"},
    {"name": "club", "domain": "a.org"}
  ]
}
"#;

fn directory() -> Directory {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("users.json");
    std::fs::write(&path, USERS_JSON).unwrap();
    Directory::load(&path).unwrap()
}

fn address(text: &str) -> Address {
    let (name, domain) = text.split_once('@').unwrap();
    Address {
        name: name.into(),
        domain: domain.into(),
    }
}

/// An actor made up for the rules that take one, not looked up.
fn actor(text: &str, role: Role) -> Actor {
    Actor {
        address: address(text),
        role,
    }
}

/// The actor `text` as the directory resolves it.
fn active(dir: &Directory, text: &str) -> Actor {
    policy::actor_is_active_account(dir, text)
        .unwrap_or_else(|e| panic!("{text} is not an active account: {e}"))
}

/// The rule that refused, `None` when allowed; any other error fails.
fn refused_by<T: std::fmt::Debug>(result: Result<T>) -> Option<&'static str> {
    match result {
        Ok(_) => None,
        Err(Error::Refused { rule, .. }) => Some(rule),
        Err(other) => panic!("not a refusal: {other:?}"),
    }
}

/// The subject and message of a refusal.
fn refusal<T: std::fmt::Debug>(result: Result<T>) -> (String, String) {
    match result {
        Err(Error::Refused {
            subject, message, ..
        }) => (subject, message),
        other => panic!("not a refusal: {other:?}"),
    }
}

/// The account `target` and its effective rights.
fn target_of(dir: &Directory, target: &str) -> (mailuser::directory::User, Role) {
    let user = mailuser::directory::resolve(dir, target).unwrap();
    let role = dir.effective_role(&user);
    (user, role)
}

/// `policy::check` of `actor` changing `target` (both looked up).
fn check(dir: &Directory, actor: &str, target: &str, verb: &str) -> Option<&'static str> {
    let actor = active(dir, actor);
    let (user, role) = target_of(dir, target);
    refused_by(policy::check(&actor, &user.address(), role, verb))
}

// actor-is-active-account

#[test]
fn an_active_account_acts_with_its_effective_role() {
    let dir = directory();
    for (text, address, role) in [
        ("admin@a.org", "admin@a.org", Role::BuiltIn),
        ("plain@a.org", "plain@a.org", Role::None),
        ("ro", "ro@a.org", Role::ReadOnly),
        ("helper@a.org", "helper@a.org", Role::AccountAdmin),
        ("HELPER@A.ORG", "helper@a.org", Role::AccountAdmin),
        ("helper2", "Helper2@A.org", Role::AccountAdmin),
        ("bhelper@b.org", "bhelper@b.org", Role::ReadOnly),
        ("boss@a.org", "boss@a.org", Role::Full),
        ("fullhelper", "fullhelper@a.org", Role::Full),
        ("roleless", "roleless@a.org", Role::None),
    ] {
        let actor = active(&dir, text);
        assert_eq!(actor.address.to_string(), address, "{text}");
        assert_eq!(actor.role, role, "{text}");
    }
}

#[test]
fn an_actor_that_is_no_active_account_is_refused() {
    let dir = directory();
    for (text, message) in [
        (
            "nobody@a.org",
            "the actor is not an account of the directory",
        ),
        ("nobody", "the actor is not an account of the directory"),
        (
            "admin@c.org",
            "the actor is not an account of the directory",
        ),
        ("off@a.org", "the actor's account is disabled"),
        ("locked@a.org", "the actor's account is locked"),
        ("offlocked@a.org", "the actor's account is disabled"),
    ] {
        let result = policy::actor_is_active_account(&dir, text);
        assert_eq!(
            refused_by(result),
            Some("actor-is-active-account"),
            "{text}"
        );
        let result = policy::actor_is_active_account(&dir, text);
        assert_eq!(refusal(result), (text.to_string(), message.to_string()));
    }
}

#[test]
fn a_malformed_or_ambiguous_actor_is_a_usage_error_not_a_refusal() {
    let dir = directory();
    for text in ["a/b@a.org", "../admin", "twin"] {
        match policy::actor_is_active_account(&dir, text) {
            Err(Error::Usage(_)) => {}
            other => panic!("{text}: {other:?}"),
        }
    }
}

// actor-may-administer

#[test]
fn only_account_admins_and_above_administer() {
    let target = address("plain@a.org");
    for role in ROLES {
        let result = policy::actor_may_administer(&actor("x@a.org", role), &target);
        let expected = (role < Role::AccountAdmin).then_some("actor-may-administer");
        assert_eq!(refused_by(result), expected, "{role:?}");
    }
    let result = policy::actor_may_administer(&actor("ro@a.org", Role::ReadOnly), &target);
    assert_eq!(
        refusal(result),
        (
            "plain@a.org".into(),
            "ro@a.org has the rights read-only, below account-admin".into()
        )
    );
}

// account-admin-own-domain

#[test]
fn an_account_admin_administers_its_own_domain_only() {
    let rule = |role, target| {
        refused_by(policy::account_admin_own_domain(
            &actor("x@a.org", role),
            &address(target),
        ))
    };
    assert_eq!(rule(Role::AccountAdmin, "y@a.org"), None);
    assert_eq!(
        rule(Role::AccountAdmin, "y@A.ORG"),
        None,
        "domains ignore case"
    );
    assert_eq!(
        rule(Role::AccountAdmin, "y@b.org"),
        Some("account-admin-own-domain")
    );
    assert_eq!(
        rule(Role::AccountAdmin, "y@sub.a.org"),
        Some("account-admin-own-domain")
    );
    for role in [Role::None, Role::ReadOnly, Role::Full, Role::BuiltIn] {
        assert_eq!(rule(role, "y@b.org"), None, "{role:?}: not this rule's");
    }
    let result = policy::account_admin_own_domain(
        &actor("x@a.org", Role::AccountAdmin),
        &address("y@b.org"),
    );
    assert_eq!(
        refusal(result),
        (
            "y@b.org".into(),
            "x@a.org is an account-admin of a.org and may not change accounts of b.org".into()
        )
    );
}

// not-own-account

#[test]
fn nobody_changes_its_own_account() {
    let me = actor("Me@A.org", Role::BuiltIn);
    let rule = |target| refused_by(policy::not_own_account(&me, &address(target), "disable"));
    assert_eq!(rule("Me@A.org"), Some("not-own-account"));
    assert_eq!(
        rule("me@a.org"),
        Some("not-own-account"),
        "addresses ignore case"
    );
    assert_eq!(rule("me@b.org"), None, "the same name in another domain");
    assert_eq!(rule("you@a.org"), None);
    assert_eq!(rule("mee@a.org"), None);
    let result = policy::not_own_account(&me, &address("me@a.org"), "unlock");
    assert_eq!(
        refusal(result),
        (
            "me@a.org".into(),
            "an administrator may not unlock its own account".into()
        )
    );
}

// target-not-higher

#[test]
fn nobody_changes_an_account_with_higher_rights() {
    let target = address("y@a.org");
    for actor_role in ROLES {
        for target_role in ROLES {
            let result =
                policy::target_not_higher(&actor("x@a.org", actor_role), &target, target_role);
            let expected = (target_role > actor_role).then_some("target-not-higher");
            assert_eq!(
                refused_by(result),
                expected,
                "{actor_role:?} changing {target_role:?}"
            );
        }
    }
    let result = policy::target_not_higher(&actor("x@a.org", Role::Full), &target, Role::BuiltIn);
    assert_eq!(
        refusal(result),
        (
            "y@a.org".into(),
            "the account has the rights built-in, higher than full of x@a.org".into()
        )
    );
}

// role-not-higher

#[test]
fn nobody_gives_rights_above_its_own_or_built_in() {
    let target = address("new@a.org");
    for actor_role in ROLES {
        for role in ROLES {
            let result = policy::role_not_higher(&actor("x@a.org", actor_role), &target, role);
            let expected =
                (role > actor_role || role == Role::BuiltIn).then_some("role-not-higher");
            assert_eq!(
                refused_by(result),
                expected,
                "{actor_role:?} giving {role:?}"
            );
        }
    }
    let result = policy::role_not_higher(&actor("x@a.org", Role::BuiltIn), &target, Role::BuiltIn);
    assert_eq!(
        refusal(result),
        (
            "new@a.org".into(),
            "x@a.org may not give the rights built-in (its own are built-in)".into()
        )
    );
}

// check: the rules in order, against the directory

#[test]
fn check_allows_equal_and_lower_accounts_in_reach() {
    let dir = directory();
    for (actor, target) in [
        ("admin@a.org", "full@a.org"),
        ("admin@a.org", "bfull@b.org"),
        ("full@a.org", "bfull@b.org"),
        ("full@a.org", "twin@a.org"),
        ("full@a.org", "boss@a.org"),
        ("aadmin@a.org", "aadmin2@a.org"),
        ("aadmin@a.org", "plain@a.org"),
        ("aadmin@a.org", "helper@a.org"),
        ("aadmin@a.org", "Helper2@A.org"),
        ("aadmin@a.org", "ro@a.org"),
        ("helper@a.org", "plain@a.org"),
        ("helper@a.org", "aadmin@a.org"),
        ("Helper2@A.org", "helper@a.org"),
        ("badmin@b.org", "bhelper@b.org"),
        ("boss@a.org", "full@a.org"),
    ] {
        assert_eq!(
            check(&dir, actor, target, "disable"),
            None,
            "{actor} -> {target}"
        );
    }
}

#[test]
fn check_refuses_with_the_first_rule_that_fails() {
    let dir = directory();
    for (actor, target, rule) in [
        // Below account-admin, even for its own or a lower account.
        ("plain@a.org", "plain@a.org", "actor-may-administer"),
        ("ro@a.org", "plain@a.org", "actor-may-administer"),
        ("bhelper@b.org", "bplain@b.org", "actor-may-administer"),
        ("roleless@a.org", "plain@a.org", "actor-may-administer"),
        // An account-admin, own or through a group, outside its domain,
        // even for a higher account.
        ("aadmin@a.org", "bplain@b.org", "account-admin-own-domain"),
        ("aadmin@a.org", "bfull@b.org", "account-admin-own-domain"),
        ("helper@a.org", "bplain@b.org", "account-admin-own-domain"),
        ("badmin@b.org", "admin@a.org", "account-admin-own-domain"),
        // Its own account, whatever its rights.
        ("admin@a.org", "admin@a.org", "not-own-account"),
        ("full@a.org", "full@a.org", "not-own-account"),
        ("aadmin@a.org", "aadmin@a.org", "not-own-account"),
        ("helper@a.org", "HELPER@A.ORG", "not-own-account"),
        // One role above, own or through a group.
        ("aadmin@a.org", "full@a.org", "target-not-higher"),
        ("aadmin@a.org", "boss@a.org", "target-not-higher"),
        ("aadmin@a.org", "fullhelper@a.org", "target-not-higher"),
        ("aadmin@a.org", "off@a.org", "target-not-higher"),
        ("helper@a.org", "boss@a.org", "target-not-higher"),
        ("full@a.org", "admin@a.org", "target-not-higher"),
        ("boss@a.org", "admin@a.org", "target-not-higher"),
        ("bfull@b.org", "admin@a.org", "target-not-higher"),
    ] {
        assert_eq!(
            check(&dir, actor, target, "disable"),
            Some(rule),
            "{actor} -> {target}"
        );
    }
}

#[test]
fn check_names_the_verb_and_the_target() {
    let dir = directory();
    let actor = active(&dir, "full@a.org");
    let (user, role) = target_of(&dir, "full@a.org");
    let result = policy::check(&actor, &user.address(), role, "remove");
    assert_eq!(
        refusal(result),
        (
            "full@a.org".into(),
            "an administrator may not remove its own account".into()
        )
    );
    let (user, role) = target_of(&dir, "admin");
    let (subject, message) = refusal(policy::check(&actor, &user.address(), role, "disable"));
    assert_eq!(subject, "admin@a.org");
    assert!(message.contains("built-in, higher than full"), "{message}");
}

// check_new: creating an account with a role

#[test]
fn check_new_allows_up_to_the_actors_own_role_in_reach() {
    let dir = directory();
    for (actor, target, role) in [
        ("admin@a.org", "new@b.org", Role::Full),
        ("full@a.org", "new@b.org", Role::Full),
        ("aadmin@a.org", "new@a.org", Role::AccountAdmin),
        ("aadmin@a.org", "new@A.ORG", Role::None),
        ("helper@a.org", "new@a.org", Role::AccountAdmin),
        ("boss@a.org", "new@b.org", Role::Full),
    ] {
        let actor = active(&dir, actor);
        let result = policy::check_new(&actor, &address(target), role);
        assert_eq!(refused_by(result), None, "{actor:?} -> {target} {role:?}");
    }
}

#[test]
fn check_new_refuses_with_the_first_rule_that_fails() {
    let dir = directory();
    for (actor, target, role, rule) in [
        ("ro@a.org", "new@a.org", Role::None, "actor-may-administer"),
        (
            "bhelper@b.org",
            "new@b.org",
            Role::None,
            "actor-may-administer",
        ),
        (
            "aadmin@a.org",
            "new@b.org",
            Role::Full,
            "account-admin-own-domain",
        ),
        (
            "helper@a.org",
            "new@b.org",
            Role::None,
            "account-admin-own-domain",
        ),
        ("aadmin@a.org", "new@a.org", Role::Full, "role-not-higher"),
        ("helper@a.org", "new@a.org", Role::Full, "role-not-higher"),
        ("full@a.org", "new@a.org", Role::BuiltIn, "role-not-higher"),
        ("admin@a.org", "new@a.org", Role::BuiltIn, "role-not-higher"),
    ] {
        let actor = active(&dir, actor);
        let result = policy::check_new(&actor, &address(target), role);
        assert_eq!(
            refused_by(result),
            Some(rule),
            "{actor:?} -> {target} {role:?}"
        );
    }
}
