"""explain, compare, advise and their renderings (text, Markdown, JSON in
English and Indonesian), and the CLI's explain/compare."""

from __future__ import annotations

import json
import subprocess

import pytest
import smtpreply
from smtpreply import (
    Action,
    Command,
    Difference,
    EnhancedClass,
    EnhancedCode,
    ReplyCategory,
    ReplyClass,
    ReplyCode,
    compare,
    explain,
    render,
)
from test_cli import SCRIPT

EN = ["Description", "When You See It", "How to Fix It"]
ID = ["Deskripsi", "Ketika Anda Melihatnya", "Cara Memperbaiki"]
EN_COMPARE = EN + ["Key Differences", "When to Use Which"]
ID_COMPARE = ID + ["Perbedaan Utama", "Kapan Menggunakan Yang Mana"]


def test_explain_421() -> None:
    x = explain(421)
    assert x.known and x.code == 421 and isinstance(x.code, ReplyCode)
    assert x.reply_class is ReplyClass.TRANSIENT_NEGATIVE and x.category is ReplyCategory.CONNECTIONS
    assert x.closes_connection and x.action is Action.RECONNECT and x.should_retry
    assert Command.GREETING in x.commands and "RFC 5321" in x.reference
    assert x.name and x.meaning and x.when_seen and x.how_to_fix and x.action_description
    assert explain("421") == x == explain(ReplyCode(421))


def test_explain_enhanced() -> None:
    x = explain("5.7.1")
    assert x.known and x.code == EnhancedCode(5, 7, 1) and x.status_class is EnhancedClass.PERMANENT_FAILURE
    assert 550 in x.basic_codes and x.action is Action.GIVE_UP and not x.should_retry
    assert explain(EnhancedCode(5, 7, 1)) == x
    unknown_detail = explain("4.7.999")
    assert not unknown_detail.known and unknown_detail.known_subject and unknown_detail.should_retry


def test_unlisted_codes_are_explained_by_their_digits() -> None:
    x = explain(299)
    assert not x.known and x.reply_class is ReplyClass.POSITIVE_COMPLETION and x.action is Action.DONE
    assert explain(199).reply_class is ReplyClass.UNKNOWN and explain(199).action is Action.GIVE_UP


def test_catalog_classes_agree_with_the_parser() -> None:
    for value in range(1000):
        x = explain(value)
        code = ReplyCode(value)
        assert (x.reply_class, x.category) == (code.reply_class, code.category), value


@pytest.mark.parametrize("bad", ["4.2", "42", "abc", "5.07.1", "", "1000"])
def test_explain_rejects_malformed_codes(bad: str) -> None:
    with pytest.raises(ValueError):
        explain(bad)


def test_explain_rejects_other_types() -> None:
    with pytest.raises(TypeError):
        explain(4.21)  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        explain(True)  # type: ignore[call-overload]


def test_compare_250_421_states_the_reference_differences() -> None:
    c = compare(250, 421)
    for d in (Difference.REPLY_CLASS, Difference.TRANSIENT_VS_PERMANENT, Difference.CLOSES_CONNECTION,
              Difference.RETRY, Difference.ADVICE):
        assert c.differences & d
    assert c.a.action is Action.DONE and c.b.action is Action.RECONNECT
    assert not c.a.should_retry and c.b.should_retry and c.b.closes_connection and not c.a.closes_connection
    assert compare(250, 250).differences == Difference(0)


def test_compare_enhanced_and_mixed() -> None:
    c = compare("4.7.1", "5.7.1")
    assert c.differences & Difference.TRANSIENT_VS_PERMANENT and not c.differences & Difference.CLOSES_CONNECTION
    with pytest.raises(ValueError):
        compare(250, "5.7.1")


def test_advise_uses_the_command_and_the_session() -> None:
    starttls = smtpreply.parse(b"530 5.7.0 Must issue a STARTTLS command first\r\n")
    assert smtpreply.advise(starttls, tls=False) is Action.START_TLS
    assert smtpreply.advise(smtpreply.parse(b"530 5.7.0 Authentication required\r\n"), tls=True) is Action.AUTHENTICATE
    assert smtpreply.advise(421, command=Command.GREETING) is Action.RETRY_OTHER_HOST
    assert smtpreply.advise(421, command=Command.MAIL) is Action.RECONNECT
    assert smtpreply.advise(552, command=Command.RCPT) is Action.RETRY_LATER
    assert smtpreply.advise(552, command=Command.RCPT, treat_552_to_rcpt_as_452=False) is not Action.RETRY_LATER
    assert smtpreply.advise(EnhancedCode(4, 7, 1)) is Action.RETRY_LATER
    assert smtpreply.responsibility_transferred(250, Command.END_OF_DATA)
    assert not smtpreply.responsibility_transferred(250, Command.RCPT)
    assert not smtpreply.responsibility_transferred(smtpreply.parse(b"451 4.3.0 try later\r\n"), Command.END_OF_DATA)


@pytest.mark.parametrize(("lang", "headings"), [("en", EN), ("id", ID)])
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_render_explanations(lang: str, headings: list[str], fmt: str) -> None:
    for code in (421, "5.7.1"):
        out = render(explain(code), fmt, lang=lang)
        assert all(h in out for h in headings), out
        assert str(code) in out.splitlines()[0]
        if fmt == "markdown":
            assert out.startswith("# ") and f"## {headings[0]}" in out


@pytest.mark.parametrize(("lang", "headings"), [("en", EN_COMPARE), ("id", ID_COMPARE)])
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_render_comparison(lang: str, headings: list[str], fmt: str) -> None:
    out = render(compare(250, 421), fmt, lang=lang)
    assert all(h in out for h in headings), out
    differences = out[out.index(headings[3]) : out.index(headings[4])]
    assert "421" in differences and "250" in differences
    assert ("closes the connection" if lang == "en" else "menutup koneksi") in differences


def test_render_json_is_language_independent_data() -> None:
    out = json.loads(render(compare(250, 421), "json"))
    assert out == json.loads(render(compare(250, 421), "json", lang="id"))
    assert out["a"]["code"] == 250 and out["b"]["action"] == "reconnect" and out["b"]["closes_connection"]
    assert set(out["differences"]) >= {"reply_class", "closes_connection", "retry"}
    one = json.loads(render(explain("5.7.1"), "json"))
    assert one["code"] == "5.7.1" and one["status_class"] == "permanent_failure" and 550 in one["basic_codes"]


def test_render_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError):
        render(explain(250), "pdf")
    with pytest.raises(ValueError):
        render(explain(250), lang="fr")
    with pytest.raises(TypeError):
        render("250")  # type: ignore[arg-type]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, check=False, timeout=60)


def test_cli_explain_and_compare() -> None:
    got = run("explain", "421")
    assert got.returncode == 0 and got.stdout.startswith("421 ") and "How to Fix It" in got.stdout
    assert json.loads(run("explain", "5.7.1", "--format", "json").stdout)["code"] == "5.7.1"
    got = run("compare", "250", "421", "--format", "markdown", "--lang", "id")
    assert got.returncode == 0 and "## Perbedaan Utama" in got.stdout and "## Kapan Menggunakan Yang Mana" in got.stdout
    assert run("compare", "250", "421").stdout == render(compare(250, 421))


@pytest.mark.parametrize("args", [["explain", "42x"], ["explain"], ["compare", "250", "5.7.1"],
                                  ["compare", "250", "421", "--lang", "fr"], ["explain", "421", "--format", "pdf"]])
def test_cli_explain_usage_errors_exit_2(args: list[str]) -> None:
    assert run(*args).returncode == 2
