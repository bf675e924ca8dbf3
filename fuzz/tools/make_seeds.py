#!/usr/bin/env python3
"""Writes the named seed inputs of fuzz/corpus/<target>/ (real replies).

The reply targets read their options with FuzzedDataProvider, which takes
integers from the END of the input, so each seed is the reply bytes followed
by a trailer that spells its options (see draw_* in fuzz_common.hpp).
Run from anywhere; existing files of the same name are overwritten, others
(inputs the fuzzers found, named by their SHA-1) are left alone.
"""
import pathlib

CORPUS = pathlib.Path(__file__).resolve().parent.parent / "corpus"

LENIENT_ALL = [1] * 7  # bare_lf, separator, code_out_of_range, mixed_codes, empty_line, invalid_utf8, control_character
STRICT = [0] * 7
DEFAULT_LIMITS, RFC_LIMITS = 0, 1


def chunks(sizes):
    """draw_chunks(): a count (byte % 17) then each size (1 + byte % 64)."""
    return [len(sizes)] + [s - 1 for s in sizes]


def trailer(values):
    """Bytes consumed from the end, first value last."""
    return bytes(reversed(values))


EHLO_POSTFIX = (b"250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n"
                b"250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n"
                b"250 CHUNKING\r\n")
EHLO_EXIM = (b"250-mail.example.net Hello client.example.com [192.0.2.1]\r\n250-SIZE 52428800\r\n"
             b"250-8BITMIME\r\n250-PIPELINING\r\n250-AUTH PLAIN LOGIN\r\n250-CHUNKING\r\n250-STARTTLS\r\n"
             b"250-PRDR\r\n250 HELP\r\n")
EHLO_GMAIL = (b"250-smtp.gmail.com at your service, [203.0.113.5]\r\n250-SIZE 35882577\r\n250-8BITMIME\r\n"
              b"250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH\r\n"
              b"250-ENHANCEDSTATUSCODES\r\n250-PIPELINING\r\n250-CHUNKING\r\n250 SMTPUTF8\r\n")
EHLO_EXCHANGE = (b"250-EX01.contoso.com Hello [10.0.0.5]\r\n250-SIZE 37748736\r\n250-PIPELINING\r\n250-DSN\r\n"
                 b"250-ENHANCEDSTATUSCODES\r\n250-STARTTLS\r\n250-X-ANONYMOUSTLS\r\n250-AUTH NTLM\r\n"
                 b"250-X-EXPS GSSAPI NTLM\r\n250-8BITMIME\r\n250-BINARYMIME\r\n250-CHUNKING\r\n250 XRDST\r\n")

# name: (payload, strictly valid?)
REPLIES = {
    "greeting": (b"220 mx.example.org ESMTP Postfix\r\n", True),
    "greeting_multiline": (b"220-mx.example.org ESMTP Exim 4.96\r\n220-No UCE.\r\n220 \r\n", True),
    "ehlo_postfix": (EHLO_POSTFIX, True),
    "ehlo_exim": (EHLO_EXIM, True),
    "ehlo_gmail": (EHLO_GMAIL, True),
    "ehlo_exchange": (EHLO_EXCHANGE, True),
    "gmail_550_each_line": (b"550-5.7.1 [203.0.113.5] Our system has detected that this message is\r\n"
                            b"550-5.7.1 likely unsolicited mail.\r\n550 5.7.1 Blocked. gsmtp\r\n", True),
    "gmail_421_rate": (b"421-4.7.28 Our system has detected an unusual rate of\r\n"
                       b"421 4.7.28 unsolicited mail. gsmtp\r\n", True),
    "microsoft_5_7_606": (b"550 5.7.606 Access denied, banned sending IP [203.0.113.5].\r\n", True),
    "shutdown_421": (b"421 4.3.2 System shutting down\r\n", True),
    "auth_ok": (b"235 2.7.0 Authentication successful\r\n", True),
    "auth_gmail_space": (b"235 \r\n", True),
    "auth_challenge": (b"334 VXNlcm5hbWU6\r\n", True),
    "auth_bare_334": (b"334\r\n", True),
    "auth_long_challenge": (b"334 " + b"QUFB" * 700 + b"\r\n", True),
    "data_354": (b"354 End data with <CR><LF>.<CR><LF>\r\n", True),
    "numbers_in_text": (b"250-234 Text beginning with numbers\r\n250 ok\r\n", True),
    "pipelined_burst": (b"250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n550 5.1.1 <b@example.org>: unknown\r\n"
                        b"354 End data with <CR><LF>.<CR><LF>\r\n", True),
    "utf8_text": (b"550 5.1.1 <us\xc3\xa9r@example.org> \xf0\x9f\x93\xa7 rejected\r\n", True),
    "line_512": (b"250 " + b"x" * 506 + b"\r\n", True),
    "line_513": (b"250 " + b"x" * 507 + b"\r\n", True),
    "esc_malformed": (b"550 5.1.01 bad\r\n451 4.7.2x temporary\r\n", True),
    "esc_class_mismatch": (b"250 5.0.0 odd\r\n", True),
    "esc_on_3xx": (b"354 2.0.0 go ahead\r\n", True),
    "esc_lines_disagree": (b"550-5.1.1 a\r\n550 5.1.2 b\r\n", True),
    "esc_hash": (b"550 #5.1.0 Address rejected\r\n", True),
    "no_esc_orange": (b"550 mwinf5c10 ME Adresse IP source bloquee. OFR006_102\r\n", True),
    "incomplete": (b"250-a\r\n250", True),
    "bare_lf": (b"250-mx.example.org\n250 OK\n", False),
    "qq_nul": (b"\x00\x00\x00", False),
    "nul_in_text": (b"221 Bye\x00\r\n", False),
    "gbk_535": (b"535 Error: \xb8\xc3\xd5\xca\xba\xc5\xb2\xbb\xbf\xc9\xd3\xc3\r\n", False),
    "bad_utf8": (b"250 \xc3\r\n250 \xed\xa0\x80\r\n250 \xe0\x80\x80 \xff\r\n", False),
    "empty_line": (b"\r\n250-a\r\n\r\n250 b\r\n\r\n", False),
    "mixed_codes": (b"220-mx.example.org ESMTP\r\n521 5.7.1 Blocked\r\n", False),
    "separator": (b"250OK\r\n250\tOK\r\n", False),
    "code_out_of_range": (b"660 weird\r\n123 x\r\n", False),
    "control_character": (b"250 a\rb\x7f\x01\r\r\n", False),
}

def catalog_draws(a, b, esc, esc2, command=0, treat_552=1, tls=0):
    """fuzz_catalog's FuzzedDataProvider draws, in order: codes a and b (0-1000,
    two bytes each, high byte first), esc (class 0-6: one byte; subject and
    detail 0-1000: two bytes each), esc2 (one byte each), the command (0-16),
    the 552 option (a bool) and the TLS state (0-2)."""
    two = lambda v: [v >> 8, v & 0xFF]  # noqa: E731
    return trailer(two(a) + two(b) + [esc[0]] + two(esc[1]) + two(esc[2]) + list(esc2) + [command, treat_552, tls])


SMALL_LIMITS = 2  # draw_limits(): line (1 byte), auth (1 byte), reply (2 bytes, high first), lines (1 byte)
ANY_LIMITS = 3  # draw_limits(): four uint32 values follow, 4 bytes each
HUGE_LIMITS = [ANY_LIMITS] + [0xFF] * 16  # every limit 0xffffffff

# Library bugs, kept as regression inputs: target -> name -> bytes.
REGRESSIONS = {
    "fuzz_reply_strict": {
        # SSE2/AVX2 skip_plain_text took '~' (0x7E) for a control byte: a strict
        # reply with 16 printable bytes ending in '~' failed with control_character.
        "bug_simd_tilde": b"250 " + b"~" * 16 + b"\r\n" + trailer([DEFAULT_LIMITS, 0]),
        # Issue 11 defect 3: start + limit wrapped with a 32-bit size_t
        # (line_too_long under -m32; scripts/test.d/15-m32.sh replays it).
        "bug_m32_limit_wrap": b"250-a\r\n250 b\r\n" + trailer(HUGE_LIMITS + [0]),
        # Issue 10: finish() on a fresh parser dropped a complete reply.
        "bug_finish_drops_reply": b"250 ok\r\n251 x" + trailer([DEFAULT_LIMITS, 0]),
        # Issue 11 defect 5: an IPv4 address was a malformed enhanced code.
        "bug_ipv4_not_esc": b"220 1.2.3.4 ESMTP\r\n" + trailer([DEFAULT_LIMITS, 0]),
    },
    "fuzz_reply_lenient": {
        "bug_m32_limit_wrap": b"250-a\r\n250 b\r\n" + trailer(LENIENT_ALL + HUGE_LIMITS + [0]),
        # Issue 11 defect 4: with mixed codes, the enhanced code of the first line.
        "bug_mixed_codes_esc": b"421-4.7.0 a\r\n521 5.7.1 b\r\n" + trailer(LENIENT_ALL + [DEFAULT_LIMITS, 0]),
        "bug_mixed_codes_esc_absent": b"220-x\r\n521 5.7.1 b\r\n" + trailer(LENIENT_ALL + [DEFAULT_LIMITS, 0]),
        # Issue 11 defect 6: short codes were code_out_of_range; a first digit 0 passed leniently.
        "bug_short_code": b"01 x\r\n" + trailer(LENIENT_ALL + [DEFAULT_LIMITS, 0]),
        "bug_first_digit_0": b"012 x\r\n" + trailer(LENIENT_ALL + [DEFAULT_LIMITS, 0]),
    },
    "fuzz_line": {
        "bug_short_code": b"0 x\r\n" + trailer(LENIENT_ALL + [DEFAULT_LIMITS]),
        "bug_first_digit_0": b"012 x\r\n" + trailer(LENIENT_ALL + [DEFAULT_LIMITS]),
        "bug_m32_limit_wrap": b"250-a\r\n" + trailer(LENIENT_ALL + HUGE_LIMITS),
    },
    "fuzz_enhanced": {"bug_ipv4_not_esc": b"1.2.3.4 ESMTP"},
    "fuzz_scan": {"bug_simd_tilde": b"~" * 32},
    "fuzz_catalog": {
        # Issue 7: two enhanced codes shared a lookup key (subject * 1000 +
        # detail overflowed a 16-bit key); found by fuzz_catalog.
        "bug_enhanced_key_collision": b"\x02\x01\x00\x00\x00\x00\xba\x0b\x00\x00\x00\x00\x00(\x02",
        # Issue 11 #13: the 5.5.3 advice row mutated to give_up escaped ctest and
        # this target; advise(550/552, 5.5.3) against the documented rules.
        "bug_advice_553": b"552 5.5.3 Too many recipients\r\n" + catalog_draws(550, 552, (5, 5, 3), (5, 5, 3)),
    },
}

# Issue 11 #13 mutants that escaped: each input makes the mutant fail its target.
REGRESSIONS["fuzz_reply_strict"].update({
    # A first digit 6 accepted in strict mode (caught only by a corpus replay before).
    "bug_first_digit_6": b"600 x\r\n" + trailer([DEFAULT_LIMITS, 0]),
    # CR and LF in two feeds: chunks of 12 bytes ("550-5.7.1 a\r"), 1 byte, then
    # 13: the enhanced code must read the same as in one buffer.
    "bug_crlf_split_esc": b"550-5.7.1 a\r\n550 5.7.1 b\r\n" + trailer([DEFAULT_LIMITS, *chunks([12, 1, 13])]),
    # scripts/mutate.py: the fast header path taking a line whose separator is
    # at the limit (line limit 3, auth 3, reply 20, 6 lines; one buffer).
    "bug_limit_at_separator": b"250 x\r\n" + trailer([SMALL_LIMITS, 3, 3, 0, 20, 6, 0]),
})
REGRESSIONS["fuzz_ehlo"] = {
    # FUTURERELEASE with month 13 must be malformed (RFC 3339 date-month 01-12).
    "bug_futurerelease_month_13": b"\x00250-mx.example.org\r\n250 FUTURERELEASE 604800 2026-13-01T00:00:00Z\r\n",
    # scripts/mutate.py: '_' dropped from RFC 4422 sasl-mech survived; a
    # mechanism with '_' is well formed, one with '.' is not.
    "bug_sasl_underscore": b"\x00250-mx.example.org\r\n250-AUTH PLAIN X_OAUTH2 SCRAM-SHA-256\r\n250 AUTH=X.BAD\r\n",
    "bug_sasl_underscore_ok": b"\x00250-mx.example.org\r\n250 AUTH PLAIN X_OAUTH2\r\n",
    # diff_starttls(a, b) of two different lists (before: Postfix with
    # STARTTLS; after: SIZE changed, AUTH appeared, the rest gone).
    "bug_diff_starttls_two_replies": b"\x00" + EHLO_POSTFIX +
    b"250-mx.example.org\r\n250-SIZE 20480000\r\n250-AUTH PLAIN LOGIN\r\n250 PIPELINING\r\n",
}

CHUNKINGS = [[1], [3, 7], [64], [2, 1, 5], [13]]


def write(target, name, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


def main():
    for i, (name, (payload, strict_ok)) in enumerate(REPLIES.items()):
        cut = chunks(CHUNKINGS[i % len(CHUNKINGS)])
        limits = RFC_LIMITS if name.startswith("line_") else DEFAULT_LIMITS
        if strict_ok:
            write("fuzz_reply_strict", name, payload + trailer([limits] + cut))
        write("fuzz_reply_lenient", name, payload + trailer((STRICT if strict_ok else LENIENT_ALL) + [limits] + cut))
        write("fuzz_line", name, payload + trailer(LENIENT_ALL + [limits]))
        write("fuzz_scan", name, payload)

    for name, code in {"valid": b"250", "permanent": b"554", "out_of_range": b"660", "low": b"099",
                       "short": b"25", "long": b"2500", "sign": b"+25", "space": b" 25", "underscore": b"2_5"}.items():
        write("fuzz_code", name, code)

    for name, esc in {"ms_606": b"5.7.606", "success": b"2.0.0", "gmail_28": b"4.7.28", "two_digit": b"5.1.10",
                      "leading_zero_class": b"05.1.1", "leading_zero": b"5.01.1", "four_digits": b"5.1.1000",
                      "hash": b"#5.1.0 Address rejected", "ip": b"10.0.0.1", "with_text": b"5.7.1 Blocked",
                      "class_3": b"3.0.0", "glued": b"4.7.2x"}.items():
        write("fuzz_enhanced", name, esc)

    for target, inputs in REGRESSIONS.items():
        for name, data in inputs.items():
            write(target, name, data)


if __name__ == "__main__":
    main()
