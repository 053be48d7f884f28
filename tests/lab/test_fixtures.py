"""Creating labs from fixtures: built-ins by name, TOML files by path, clear errors for bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from exchange_sim.lab import Lab, LabError, builtin_fixtures, default_lab_path, load_fixture, open_or_create

_MINIMAL = '[organization]\nname = "T"\naccepted_domains = ["t.test"]\n'


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "fixture.toml"
    path.write_text(text)
    return path


def test_built_in_fixtures_are_found_beside_the_package() -> None:
    assert {"contoso", "entrust-2007"} <= set(builtin_fixtures())


def test_fixture_keys_beyond_the_minimum_are_read(tmp_path: Path) -> None:
    spec = load_fixture(_write(tmp_path, _MINIMAL + (
        '[[servers]]\nname = "UM1"\nfqdn = "um1.t.test"\nversion = "2010"\n'
        'roles = ["mailbox", "UnifiedMessaging"]\num_startup_mode = "Dual"\n'
        '[[servers]]\nname = "NEW1"\nversion = "se"\n'
        '[[users]]\nname = "alice"\npassword = "pw"\n'
        '[[send_connectors]]\nname = "Out"\nfqdn = "mail.t.test"\n'
        'tls_certificate_name = "<I>CN=CA<S>CN=mail.t.test"\n'
        '[[receive_connectors]]\nserver = "um1"\nname = "Default UM1"\n'
    )))
    first, second = spec.servers
    assert first.roles == ("Mailbox", "UnifiedMessaging") and first.um_startup_mode == "Dual"
    assert (second.version, second.fqdn, second.roles) == ("SE", "new1.t.test", ("Mailbox",))
    assert spec.users[0].domain == "T"
    assert spec.send_connectors[0].tls_certificate_name == "<I>CN=CA<S>CN=mail.t.test"
    assert spec.receive_connectors[0].server == "um1"


@pytest.mark.parametrize(
    "text,message",
    [
        ('[[servers]]\nname = "A"\nversion = "2019"\n', r"\[organization\]"),
        (_MINIMAL, "at least one server"),
        (_MINIMAL + '[[servers]]\nname = "A"\nversion = "2003"\n', "'version' must be one of"),
        (_MINIMAL + '[[servers]]\nname = "A"\nversion = "2019"\n[[servers]]\nname = "a"\nversion = "2019"\n',
         "used twice"),
        (_MINIMAL + '[[servers]]\nname = "A"\nfqdn = "b.t.test"\nversion = "2019"\n', "must start with"),
        (_MINIMAL + '[[servers]]\nname = "A"\nversion = "2019"\nroles = ["Janitor"]\n', "unknown role"),
        (_MINIMAL + '[[servers]]\nname = "A"\nversion = "2019"\n[clock]\npinned = "soon"\n', "not a date"),
        (_MINIMAL + '[[servers]]\nname = "A"\nversion = "2019"\n[[users]]\nname = "u"\npassword = "p"\n'
         'role = "Boss"\n', "'role' must be one of"),
        ("this is = = not toml", "not valid TOML"),
        ('[organization]\nname = "T"\naccepted_domains = ["t.test", "T.test"]\n'
         '[[servers]]\nname = "A"\nversion = "2019"\n', "listed twice"),
    ],
)
def test_bad_fixture_is_a_clear_lab_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(LabError, match=message):
        load_fixture(_write(tmp_path, text))


def test_fixture_user_role_group_is_kept(tmp_path: Path) -> None:
    text = (_MINIMAL + '[[servers]]\nname = "A"\nversion = "2019"\n'
            '[[users]]\nname = "u"\npassword = "p"\nrole = "view-only organization management"\n')
    (user,) = load_fixture(_write(tmp_path, text)).users
    assert user.role == "View-Only Organization Management"


def test_accepted_domain_may_be_non_authoritative(tmp_path: Path) -> None:
    spec = load_fixture(_write(tmp_path,
        '[organization]\nname = "T"\n'
        'accepted_domains = ["t.test", { name = "Relay.test", authoritative = false }]\n'
        '[[servers]]\nname = "A"\nversion = "2016"\n'))
    assert [(d.name, d.authoritative) for d in spec.accepted_domains] == [("t.test", True), ("relay.test", False)]
    with pytest.raises(LabError, match="true or false"):
        load_fixture(_write(tmp_path, '[organization]\nname = "T"\n'
                            'accepted_domains = [{ name = "x.test", authoritative = "no" }]\n'))


def test_unknown_fixture_name_lists_the_built_ins() -> None:
    with pytest.raises(LabError, match="contoso"):
        load_fixture("fabrikam")


def test_lab_is_not_created_over_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "file").write_text("x")
    with pytest.raises(LabError, match="not empty"):
        Lab.create(tmp_path / "busy")


def test_bad_fixture_creates_no_folder(tmp_path: Path) -> None:
    bad = _write(tmp_path, _MINIMAL + '[[servers]]\nname = "A"\nversion = "2019"\n[clock]\npinned = 3\n')
    with pytest.raises(LabError):
        Lab.create(tmp_path / "lab", fixture=bad)
    assert not (tmp_path / "lab").exists()


def test_opening_a_folder_that_is_not_a_lab_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(LabError, match="exchange-sim lab new"):
        Lab.open(tmp_path)


def test_default_lab_path_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EXCHANGE_SIM_LAB", str(tmp_path / "elsewhere"))
    assert default_lab_path() == tmp_path / "elsewhere"
    monkeypatch.delenv("EXCHANGE_SIM_LAB")
    monkeypatch.chdir(tmp_path)
    assert default_lab_path() == tmp_path / "store"


def test_open_or_create_creates_once_then_opens(contoso_template: Path, tmp_path: Path) -> None:
    import shutil

    shutil.copytree(contoso_template, tmp_path / "existing")
    lab = open_or_create(tmp_path / "existing", fixture="entrust-2007")
    try:
        assert lab.name == "Contoso"  # opened, not re-created from the other fixture
    finally:
        lab.close()
    created = open_or_create(tmp_path / "fresh", fixture=_write(tmp_path, _MINIMAL + '[[servers]]\nname = "A"\nversion = "2010"\n'))
    try:
        assert [s.name for s in created.servers()] == ["A"]
    finally:
        created.close()
