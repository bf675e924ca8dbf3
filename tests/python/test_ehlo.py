"""smtpreply.ehlo() and diff_starttls(): every typed extension through the
Python API, the failures of other clients named in issue 7, and the STARTTLS
comparison."""

from __future__ import annotations

import pickle

import pytest
import smtpreply
from smtpreply import (
    AuthMechanism,
    EhloError,
    EhloFlag,
    EhloKeyword,
    MtPriorityPolicy,
    ParamState,
    ParseError,
    StarttlsFlag,
    diff_starttls,
    ehlo,
)


def reply(*lines: str, first: str = "mx.example.org") -> bytes:
    """A 250 EHLO reply: the first line, then one line per capability."""
    texts = [first, *lines]
    out = [f"250-{t}\r\n" for t in texts[:-1]] + [f"250 {texts[-1]}\r\n"]
    return "".join(out).encode()


GMAIL = (
    b"250-smtp.gmail.com at your service, [192.0.2.1]\r\n250-SIZE 35882577\r\n250-8BITMIME\r\n"
    b"250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n250-PIPELINING\r\n250-CHUNKING\r\n250 SMTPUTF8\r\n"
)


def test_a_typical_reply() -> None:
    e = ehlo(GMAIL)
    assert e.domain == "smtp.gmail.com" and e.greeting == "at your service, [192.0.2.1]"
    assert [c.keyword for c in e.capabilities] == [
        "SIZE", "8BITMIME", "STARTTLS", "ENHANCEDSTATUSCODES", "PIPELINING", "CHUNKING", "SMTPUTF8"]
    assert e.size.state is ParamState.VALUE and e.size.value == 35882577 and e.size.limit == 35882577
    assert e.size.advertised
    assert (e.eightbitmime, e.starttls, e.enhancedstatuscodes, e.pipelining, e.chunking, e.smtputf8) == (
        True, True, True, True, True, True)
    assert not (e.dsn or e.binarymime or e.requiretls)
    assert e.flags == EhloFlag(0) and e.capability_lines == 7
    assert e.auth_mechanisms == () and e.auth == frozenset()
    assert e.keywords == {EhloKeyword.SIZE, EhloKeyword.EIGHTBITMIME, EhloKeyword.STARTTLS,
                          EhloKeyword.ENHANCEDSTATUSCODES, EhloKeyword.PIPELINING, EhloKeyword.CHUNKING,
                          EhloKeyword.SMTPUTF8}
    assert all(c.kind is not EhloKeyword.UNKNOWN and c.valid_keyword for c in e.capabilities)
    size = e.find("size")
    assert size is not None and size.params == ("35882577",) and size.kind is EhloKeyword.SIZE
    assert e.find(EhloKeyword.SIZE) == size and "Size" in e and EhloKeyword.DSN not in e


def test_a_reply_object_and_lenient_bytes() -> None:
    r = smtpreply.parse(GMAIL)
    assert ehlo(r) == ehlo(GMAIL) and ehlo(r).reply is r
    bare_lf = GMAIL.replace(b"\r\n", b"\n")
    with pytest.raises(ParseError) as info:
        ehlo(bare_lf)
    assert info.value.reason == "bare_lf"
    assert ehlo(bare_lf, lenient=True).size.value == 35882577
    assert ehlo(GMAIL.decode()).domain == "smtp.gmail.com"  # str works like parse()


def test_the_model_is_a_hashable_frozen_value() -> None:
    e = ehlo(GMAIL)
    assert hash(e) == hash(ehlo(GMAIL)) and {e: 1}[ehlo(GMAIL)] == 1
    with pytest.raises(AttributeError):
        e.domain = "x"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(e)) == e


# ---- The failures of other clients (issue 7) -------------------------------------------
@pytest.mark.parametrize("spelling", ["starttls", "StartTLS", "STARTTLS", "sTaRtTlS"])
def test_lowercase_starttls_is_starttls(spelling: str) -> None:  # Go net/smtp once missed it: a downgrade
    e = ehlo(reply("PIPELINING", spelling))
    assert e.starttls and e.has("STARTTLS") and e.has("starttls") and EhloKeyword.STARTTLS in e.keywords
    cap = e.find(EhloKeyword.STARTTLS)
    assert cap is not None and cap.keyword == "STARTTLS" and cap.sent_as == spelling
    assert e.flags == EhloFlag(0)


def test_other_keywords_in_lower_case() -> None:
    e = ehlo(reply("size 1000", "auth login", "8bitmime", "mt-priority mixer"))
    assert e.size.value == 1000 and AuthMechanism.LOGIN in e.auth and e.eightbitmime
    assert e.mt_priority.policy is MtPriorityPolicy.MIXER
    assert [c.keyword for c in e.capabilities] == ["SIZE", "AUTH", "8BITMIME", "MT-PRIORITY"]
    assert e.find("auth") is not None and e.find("auth").params == ("login",)  # type: ignore[union-attr]


def test_keyword_prefixes_do_not_count() -> None:  # curl matched prefixes
    e = ehlo(reply("STARTTLSX", "XSTARTTLS", "STARTTLS-NOT", "SIZEX 100", "SIZE=100", "AUTHX PLAIN",
                   "PIPELININGX", "LIMITSX RCPTMAX=1"))
    assert not e.starttls and not e.pipelining and e.keywords == frozenset()
    assert not e.size.advertised and e.auth == frozenset() and not e.limits.advertised
    assert [c.keyword for c in e.capabilities] == ["STARTTLSX", "XSTARTTLS", "STARTTLS-NOT", "SIZEX", "SIZE=100",
                                                   "AUTHX", "PIPELININGX", "LIMITSX"]
    assert all(c.kind is EhloKeyword.UNKNOWN for c in e.capabilities)
    assert EhloFlag.INVALID_KEYWORD in e.flags
    invalid = e.find("size=100")
    assert invalid is not None and not invalid.valid_keyword
    assert not e.has("START") and e.has("startTLSx")


def test_starttls_in_the_greeting_prose_is_not_a_capability() -> None:  # nodemailer, curl
    e = ehlo(reply("PIPELINING", first="mx.example.org Hi, we do STARTTLS AUTH PLAIN and SIZE 10"))
    assert e.domain == "mx.example.org" and e.greeting == "Hi, we do STARTTLS AUTH PLAIN and SIZE 10"
    assert not e.starttls and e.auth_mechanisms == () and not e.size.advertised
    assert [c.keyword for c in e.capabilities] == ["PIPELINING"]
    # Even when the domain itself spells a keyword.
    q = ehlo(b"250-STARTTLS\r\n250 SIZE 5\r\n")
    assert q.domain == "STARTTLS" and not q.starttls and q.size.value == 5


def test_a_one_line_reply_keeps_domain_and_greeting() -> None:  # Ruby lost everything
    e = ehlo(b"250 mx.example.org\r\n")
    assert (e.domain, e.greeting, e.capabilities, e.capability_lines, e.flags) == (
        "mx.example.org", "", (), 0, EhloFlag(0))
    g = ehlo(b"250 mx.example.org Hello client [192.0.2.7]\r\n")
    assert (g.domain, g.greeting) == ("mx.example.org", "Hello client [192.0.2.7]")
    assert not g.has("mx.example.org")
    bare = ehlo(b"250\r\n")
    assert bare.domain == "" and EhloFlag.MISSING_DOMAIN in bare.flags


def test_legacy_auth_lines_merge_into_auth() -> None:  # JavaMail, Outlook
    e = ehlo(reply("AUTH LOGIN PLAIN", "AUTH=LOGIN PLAIN", "SIZE 10"))
    assert EhloFlag.LEGACY_AUTH in e.flags and EhloFlag.DUPLICATE_KEYWORD in e.flags
    assert e.auth == {AuthMechanism.LOGIN, AuthMechanism.PLAIN}
    assert e.auth_mechanisms == ("LOGIN", "PLAIN")
    assert [c.keyword for c in e.capabilities] == ["AUTH", "SIZE"]
    auth = e.find("AUTH")
    assert auth is not None and auth.params == ("LOGIN", "PLAIN", "LOGIN", "PLAIN")
    only = ehlo(reply("AUTH=LOGIN", "PIPELINING"))
    assert only.has(EhloKeyword.AUTH) and only.auth_mechanisms == ("LOGIN",)
    assert EhloFlag.LEGACY_AUTH in only.flags and EhloFlag.DUPLICATE_KEYWORD not in only.flags
    assert not only.has("AUTH=LOGIN")
    empty = ehlo(reply("AUTH="))
    assert EhloFlag.AUTH_MALFORMED in empty.flags and empty.auth == frozenset()


def test_auth_mechanisms_known_and_unknown() -> None:
    e = ehlo(reply("AUTH PLAIN X-PROPRIETARY xoauth2 x-proprietary SCRAM-SHA-256-PLUS OAUTHBEARER"))
    assert e.flags == EhloFlag(0)
    assert e.auth == {AuthMechanism.PLAIN, AuthMechanism.XOAUTH2, AuthMechanism.SCRAM_SHA_256_PLUS,
                      AuthMechanism.OAUTHBEARER}
    assert e.auth_mechanisms == ("PLAIN", "X-PROPRIETARY", "XOAUTH2", "SCRAM-SHA-256-PLUS", "OAUTHBEARER")
    assert e.unknown_auth_mechanisms == ("X-PROPRIETARY",)
    cap = e.find("AUTH")
    assert cap is not None and "xoauth2" in cap.params  # parameter case kept
    bad = ehlo(reply("AUTH PLAIN THIS-NAME-IS-LONGER-THAN-20"))
    assert EhloFlag.AUTH_MALFORMED in bad.flags


# ---- Every typed extension ------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "state", "value", "limit", "flag"),
    [
        (None, ParamState.ABSENT, None, None, EhloFlag(0)),
        ("SIZE", ParamState.NO_VALUE, None, None, EhloFlag(0)),
        ("SIZE 0", ParamState.VALUE, 0, None, EhloFlag(0)),  # RFC 1870: no fixed maximum
        ("SIZE 10240000", ParamState.VALUE, 10240000, 10240000, EhloFlag(0)),
        ("SIZE 18446744073709551615", ParamState.VALUE, 2**64 - 1, 2**64 - 1, EhloFlag(0)),
        ("SIZE 18446744073709551616", ParamState.MALFORMED, None, None, EhloFlag.SIZE_MALFORMED),
        ("SIZE 10M", ParamState.MALFORMED, None, None, EhloFlag.SIZE_MALFORMED),
        ("SIZE 1 2", ParamState.MALFORMED, None, None, EhloFlag.SIZE_MALFORMED),
    ],
)
def test_size(line: str | None, state: ParamState, value: int | None, limit: int | None, flag: EhloFlag) -> None:
    e = ehlo(reply(*(["PIPELINING"] if line is None else [line])))
    assert (e.size.state, e.size.value, e.size.limit, e.size.advertised) == (
        state, value, limit, state is not ParamState.ABSENT)
    assert e.flags & EhloFlag.SIZE_MALFORMED == flag


def test_size_repeated_with_another_value_conflicts() -> None:
    e = ehlo(reply("SIZE 100", "SIZE 200"))
    assert e.size.state is ParamState.MALFORMED and e.size.value is None
    assert EhloFlag.CONFLICTING_PARAMS in e.flags and EhloFlag.SIZE_MALFORMED in e.flags
    same = ehlo(reply("SIZE 100", "size 100"))
    assert same.size.value == 100 and EhloFlag.DUPLICATE_KEYWORD in same.flags
    assert EhloFlag.CONFLICTING_PARAMS not in same.flags


BOOLEAN_EXTENSIONS = [
    ("PIPELINING", "pipelining", EhloKeyword.PIPELINING),
    ("STARTTLS", "starttls", EhloKeyword.STARTTLS),
    ("8BITMIME", "eightbitmime", EhloKeyword.EIGHTBITMIME),
    ("BINARYMIME", "binarymime", EhloKeyword.BINARYMIME),
    ("CHUNKING", "chunking", EhloKeyword.CHUNKING),
    ("SMTPUTF8", "smtputf8", EhloKeyword.SMTPUTF8),
    ("ENHANCEDSTATUSCODES", "enhancedstatuscodes", EhloKeyword.ENHANCEDSTATUSCODES),
    ("DSN", "dsn", EhloKeyword.DSN),
    ("REQUIRETLS", "requiretls", EhloKeyword.REQUIRETLS),
]


@pytest.mark.parametrize(("keyword", "attribute", "kind"), BOOLEAN_EXTENSIONS)
def test_extensions_without_parameters(keyword: str, attribute: str, kind: EhloKeyword) -> None:
    e = ehlo(reply(keyword))
    assert getattr(e, attribute) is True and e.keywords == {kind} and e.flags == EhloFlag(0)
    others = [a for _, a, _ in BOOLEAN_EXTENSIONS if a != attribute]
    assert not any(getattr(e, a) for a in others)
    with_param = ehlo(reply(f"{keyword} yes"))
    assert getattr(with_param, attribute) is True and EhloFlag.UNEXPECTED_PARAM in with_param.flags
    assert not getattr(ehlo(reply(keyword + "X")), attribute)


@pytest.mark.parametrize(
    ("line", "state", "value"),
    [
        ("DELIVERBY", ParamState.NO_VALUE, None),
        ("DELIVERBY 240", ParamState.VALUE, 240),
        ("DELIVERBY 999999999", ParamState.VALUE, 999999999),
        ("DELIVERBY 1000000000", ParamState.MALFORMED, None),  # 1*9DIGIT
        ("DELIVERBY -5", ParamState.MALFORMED, None),
    ],
)
def test_deliverby(line: str, state: ParamState, value: int | None) -> None:
    e = ehlo(reply(line))
    assert (e.deliverby.state, e.deliverby.value, e.deliverby.advertised) == (state, value, True)
    assert (EhloFlag.DELIVERBY_MALFORMED in e.flags) == (state is ParamState.MALFORMED)
    assert not ehlo(reply("DSN")).deliverby.advertised


@pytest.mark.parametrize(
    ("line", "state", "policy", "name"),
    [
        ("MT-PRIORITY", ParamState.NO_VALUE, MtPriorityPolicy.NONE, None),
        ("MT-PRIORITY MIXER", ParamState.VALUE, MtPriorityPolicy.MIXER, "MIXER"),
        ("MT-PRIORITY stanag4406", ParamState.VALUE, MtPriorityPolicy.STANAG4406, "stanag4406"),
        ("MT-PRIORITY NSEP", ParamState.VALUE, MtPriorityPolicy.NSEP, "NSEP"),
        ("MT-PRIORITY ACME-POLICY", ParamState.VALUE, MtPriorityPolicy.OTHER, "ACME-POLICY"),
        ("MT-PRIORITY MIXER NSEP", ParamState.MALFORMED, MtPriorityPolicy.NONE, None),
    ],
)
def test_mt_priority(line: str, state: ParamState, policy: MtPriorityPolicy, name: str | None) -> None:
    m = ehlo(reply(line)).mt_priority
    assert (m.state, m.policy, m.policy_name, m.advertised) == (state, policy, name, True)
    assert (EhloFlag.MT_PRIORITY_MALFORMED in ehlo(reply(line)).flags) == (state is ParamState.MALFORMED)


@pytest.mark.parametrize(
    ("line", "state", "interval", "when"),
    [
        ("FUTURERELEASE 604800 2030-01-01T00:00:00Z", ParamState.VALUE, 604800, "2030-01-01T00:00:00Z"),
        ("FUTURERELEASE 86400 2030-06-30T23:59:60.5+02:00", ParamState.VALUE, 86400,
         "2030-06-30T23:59:60.5+02:00"),
        ("FUTURERELEASE 604800", ParamState.MALFORMED, None, None),
        ("FUTURERELEASE", ParamState.MALFORMED, None, None),
        ("FUTURERELEASE 60 2030-13-01T00:00:00Z", ParamState.MALFORMED, None, None),
        ("FUTURERELEASE week 2030-01-01T00:00:00Z", ParamState.MALFORMED, None, None),
    ],
)
def test_futurerelease(line: str, state: ParamState, interval: int | None, when: str | None) -> None:
    e = ehlo(reply(line))
    f = e.futurerelease
    assert (f.state, f.max_interval, f.max_date_time, f.advertised) == (state, interval, when, True)
    assert (EhloFlag.FUTURERELEASE_MALFORMED in e.flags) == (state is ParamState.MALFORMED)


def test_limits() -> None:
    e = ehlo(reply("LIMITS RCPTMAX=100 MAILMAX=1000 RCPTDOMAINMAX=10 X-OTHER=5"))
    lim = e.limits
    assert lim.state is ParamState.VALUE and lim.advertised
    assert (lim.rcptmax.value, lim.mailmax.value, lim.rcptdomainmax.value) == (100, 1000, 10)
    assert e.flags == EhloFlag(0)
    cap = e.find("LIMITS")
    assert cap is not None and cap.params[-1] == "X-OTHER=5"  # other names are kept as parameters
    partial = ehlo(reply("LIMITS MAILMAX=5")).limits
    assert partial.mailmax.value == 5 and not partial.rcptmax.advertised and partial.rcptmax.value is None
    bare = ehlo(reply("LIMITS")).limits
    assert bare.state is ParamState.NO_VALUE
    for bad in ("LIMITS RCPTMAX=1234567", "LIMITS RCPTMAX=", "LIMITS RCPTMAX=x", "LIMITS RCPTMAX"):
        b = ehlo(reply(bad))
        assert b.limits.state is ParamState.MALFORMED and b.limits.rcptmax.state is ParamState.MALFORMED, bad
        assert b.limits.rcptmax.value is None and EhloFlag.LIMITS_MALFORMED in b.flags, bad


def test_unknown_keywords_are_kept_and_duplicates_merged() -> None:
    e = ehlo(reply("X-EXPS GSSAPI NTLM", "XFORWARD NAME ADDR", "x-exps LOGIN", "VRFY", "ETRN"))
    assert [c.keyword for c in e.capabilities] == ["X-EXPS", "XFORWARD", "VRFY", "ETRN"]
    x = e.find("X-EXPS")
    assert x is not None and x.params == ("GSSAPI", "NTLM", "LOGIN") and x.sent_as == "X-EXPS"
    assert EhloFlag.DUPLICATE_KEYWORD in e.flags and e.keywords == frozenset()


def test_malformed_parameters_are_flagged() -> None:
    assert EhloFlag.INVALID_PARAM in ehlo(reply("SIZE  100")).flags  # an empty token
    assert EhloFlag.INVALID_PARAM in ehlo(reply("X-FOO a\x01b"), lenient=True).flags


# ---- Errors --------------------------------------------------------------------------------
@pytest.mark.parametrize("raw", [b"502 5.5.2 Command not recognized\r\n", b"550 go away\r\n",
                                 b"220 mx ESMTP\r\n", b"421 4.3.2 shutting down\r\n", b"251-mx\r\n251 SIZE 1\r\n"])
def test_only_250_is_an_ehlo_success(raw: bytes) -> None:
    with pytest.raises(EhloError) as info:
        ehlo(raw)
    err = info.value
    assert err.reason == "not_250" and err.code == int(raw[:3]) and err.reply.raw == raw
    assert isinstance(err, ValueError)
    again = pickle.loads(pickle.dumps(err))
    assert (again.reason, again.reply) == (err.reason, err.reply)


@pytest.mark.parametrize(("raw", "reason"), [(b"250-mx\r\n", "incomplete"), (b"25O ok\r\n", "invalid_code"),
                                             (b"250 mx\r\n250 again\r\n", "trailing_data")])
def test_bytes_that_are_not_one_reply(raw: bytes, reason: str) -> None:
    with pytest.raises(ParseError) as info:
        ehlo(raw)
    assert info.value.reason == reason


def test_wrong_types() -> None:
    with pytest.raises(TypeError):
        ehlo(250)  # type: ignore[arg-type]


# ---- STARTTLS -------------------------------------------------------------------------------
BEFORE = reply("SIZE 1000", "STARTTLS", "AUTH PLAIN LOGIN X-LEGACY", "X-EXPS GSSAPI", "PIPELINING")


def test_diff_starttls_a_clean_upgrade() -> None:
    d = diff_starttls(reply("PIPELINING", "STARTTLS", "SIZE 1000"), reply("PIPELINING", "SIZE 1000", "AUTH PLAIN"))
    assert d.vanished == () and d.appeared == ("AUTH",) and d.changed == ()
    assert d.auth_vanished == () and d.auth_appeared == ("PLAIN",)
    assert d.flags == StarttlsFlag.CAPABILITY_APPEARED and not d.suspicious


def test_diff_starttls_flags_what_vanished() -> None:
    after = reply("SIZE 2000", "AUTH plain", "PIPELINING", "STARTTLS")
    d = diff_starttls(ehlo(BEFORE), after)
    assert d.vanished == ("X-EXPS",)
    assert d.changed == ("SIZE", "AUTH")
    assert d.auth_vanished == ("LOGIN", "X-LEGACY") and d.auth_appeared == ()
    assert d.flags == (StarttlsFlag.CAPABILITY_VANISHED | StarttlsFlag.AUTH_ONLY_BEFORE_TLS
                       | StarttlsFlag.PARAMS_CHANGED | StarttlsFlag.STARTTLS_AFTER_TLS)
    assert d.suspicious


def test_diff_starttls_without_starttls_before() -> None:
    d = diff_starttls(reply("PIPELINING"), smtpreply.parse(reply("PIPELINING")))
    assert d.flags == StarttlsFlag.NO_STARTTLS_BEFORE and d.vanished == d.appeared == d.changed == ()


def test_diff_starttls_needs_250_replies() -> None:
    with pytest.raises(EhloError):
        diff_starttls(b"502 no\r\n", BEFORE)
