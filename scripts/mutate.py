#!/usr/bin/env python3
"""Mutation check (issue 11 point 13): applies a fixed list of source mutants
to the headers (parser, enhanced codes, advice/catalog, EHLO), and for each
builds and runs the Catch2 tests of its area, then the libFuzzer targets of
its area (the committed corpus replayed, then fuzzing for a few seconds).
A mutant is *caught* when a test fails, a fuzz property fails, or the build
fails; it *survives* otherwise. Prints a table and the score.

    python3 scripts/mutate.py                  # every mutant, 10 s of fuzzing per target
    python3 scripts/mutate.py --fuzz-seconds 5 --only adv  # mutants whose id starts with adv
    python3 scripts/mutate.py --list           # the mutants

The working copy is never touched: each mutant is applied to a copy of
include/ under --work (default build/mutate). Needs clang++ with libFuzzer and
Catch2 (Debian: clang, libclang-rt-dev, catch2).
"""

from __future__ import annotations

import argparse
import pathlib
import shutil
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
INC = "include/smtpreply/"
PARSER = (
    ["test_reply_parser", "test_limits", "test_reply", "test_fuzz_regressions"],
    ["fuzz_reply_strict", "fuzz_reply_lenient"],
)
CODE = (["test_code", "test_reply_parser", "test_fuzz_regressions"], ["fuzz_code", "fuzz_reply_strict"])
ENH = (["test_enhanced", "test_reply_parser", "test_fuzz_regressions"], ["fuzz_enhanced", "fuzz_reply_lenient"])
ADV = (["test_catalog", "test_advice_rules", "test_fuzz_regressions"], ["fuzz_catalog"])
EHLO = (["test_ehlo", "test_fuzz_regressions"], ["fuzz_ehlo"])

# id, file, old text (must occur; the first occurrence is replaced), new text, area
MUTANTS = [
    # ---- reply_machine / reply_parser ----
    # (the SWAR code reader is the one compiled on little-endian machines)
    ("rm-swar-first-digit", "detail/reply_machine.hpp", "(t + 0x767a7cu)", "(t + 0x767a7bu)", PARSER),
    ("rm-swar-second-digit", "detail/reply_machine.hpp", "(t + 0x767a7cu)", "(t + 0x76797cu)", PARSER),
    (
        "rm-header-first-digit",
        "detail/reply_machine.hpp",
        "if (c0 < '2' || c0 > '5' ||",
        "if (c0 < '2' || c0 > '6' ||",
        PARSER,
    ),
    (
        "rm-header-limit",
        "detail/reply_machine.hpp",
        "if (p + 2 >= digits_limit || p + 3 >= limit) return false;",
        "if (p + 2 > digits_limit || p + 3 > limit) return false;",
        PARSER,
    ),
    (
        "rm-first-digit-6",
        "detail/reply_machine.hpp",
        "line_code_ / 100u - 2u > 3u",
        "line_code_ / 100u - 2u > 4u",
        PARSER,
    ),
    ("rm-first-digit-0", "detail/reply_machine.hpp", "if (line_code_ < 100 ||", "if (line_code_ < 10 ||", PARSER),
    (
        "rm-second-digit",
        "detail/reply_machine.hpp",
        "line_code_ / 10u % 10u > 5u",
        "line_code_ / 10u % 10u > 6u",
        PARSER,
    ),
    (
        "rm-mixed-codes",
        "detail/reply_machine.hpp",
        "line_code_ != sum_.first_code &&",
        "line_code_ == sum_.first_code &&",
        PARSER,
    ),
    (
        "rm-auth-limit",
        "detail/reply_machine.hpp",
        "code == 334 ? l.max_auth_line_octets",
        "code == 335 ? l.max_auth_line_octets",
        PARSER,
    ),
    # (end < max ? end : max -> end <= max ? end : max is equivalent: not listed)
    (
        "rm-reply-limit",
        "detail/reply_machine.hpp",
        "return end < l.max_reply_octets ? end : l.max_reply_octets;",
        "return end;",
        PARSER,
    ),
    ("rm-saturate", "detail/reply_machine.hpp", "return b > most - a ? most : a + b;", "return a + b;", PARSER),
    ("rm-final-line", "detail/reply_machine.hpp", "final_line_ = c != '-';", "final_line_ = c == ' ';", PARSER),
    (
        "rm-esc-3xx",
        "detail/reply_machine.hpp",
        "if (code.first_digit() == 3) {",
        "if (code.first_digit() == 2) {",
        PARSER,
    ),
    (
        "rm-esc-class",
        "detail/reply_machine.hpp",
        "} else if (s.esc.klass != code.first_digit()) {",
        "} else if (s.esc.klass == 0) {",
        PARSER,
    ),
    (
        "rm-fast-esc-class",
        "detail/reply_machine.hpp",
        "(s[0] == '2' || s[0] == '4' || s[0] == '5')",
        "(s[0] == '2' || s[0] == '3' || s[0] == '5')",
        PARSER,
    ),
    ("rm-fast-esc-end", "detail/reply_machine.hpp", "(size == 5 || s[5] == ' ')", "(size >= 5)", PARSER),
    # (max_reply_lines == 0 -> == 1 in the fast path's guard only hands more replies to the byte
    # machine: equivalent, not listed)
    (
        "rm-fast-lines",
        "detail/reply_machine.hpp",
        "if (s.lines >= l.max_reply_lines ||",
        "if (s.lines > l.max_reply_lines ||",
        PARSER,
    ),
    (
        "rm-crlf-fast",
        "detail/reply_machine.hpp",
        "return cr + 1 < stop && d[cr] == '\\r'",
        "return cr < stop && d[cr] == '\\r'",
        PARSER,
    ),
    ("code-valid-second", "code.hpp", "second_digit() <= 5;", "second_digit() <= 6;", CODE),
    ("code-valid-first", "code.hpp", "first_digit() <= 5 &&", "first_digit() <= 6 &&", CODE),
    # ---- enhanced codes ----
    (
        "enh-fourth-digit",
        "enhanced.hpp",
        "if (n == 3 || (n == 1 && value == 0))",
        "if (n == 4 || (n == 1 && value == 0))",
        ENH,
    ),
    ("enh-leading-zero", "enhanced.hpp", "if (n == 3 || (n == 1 && value == 0))", "if (n == 3)", ENH),
    (
        "enh-class-3",
        "enhanced.hpp",
        "if (parts[0] != 2 && parts[0] != 4 && parts[0] != 5)",
        "if (parts[0] != 2 && parts[0] != 3 && parts[0] != 5)",
        ENH,
    ),
    (
        "enh-ipv4-digits",
        "enhanced.hpp",
        "if (digits == 0 || digits > 3) return false;",
        "if (digits == 0) return false;",
        ENH,
    ),
    (
        "enh-ipv4-parts",
        "enhanced.hpp",
        "for (int part = 0; part < 4; ++part) {",
        "for (int part = 0; part < 3; ++part) {",
        ENH,
    ),
    ("enh-hash", "enhanced.hpp", "text[0] == '#';", "text[0] == '!';", ENH),
    ("enh-format-100", "enhanced.hpp", "if (v >= 100) out[n++]", "if (v > 100) out[n++]", ENH),
    # ---- advice / catalog ----
    (
        "adv-553-row",
        "advice.hpp",
        "case 3: return action::retry_later;  // split",
        "case 3: return action::give_up;  // split",
        ADV,
    ),
    (
        "adv-513-row",
        "advice.hpp",
        "(esc.detail == 3 || esc.detail == 7) ? action::fix_request",
        "(esc.detail == 3) ? action::fix_request",
        ADV,
    ),
    (
        "adv-522-row",
        "advice.hpp",
        "if (esc.detail == 2) return action::retry_later;",
        "if (esc.detail == 2) return action::give_up;",
        ADV,
    ),
    ("adv-5728-row", "advice.hpp", "case 28: return action::retry_later;", "case 28: return action::give_up;", ADV),
    (
        "adv-421-greeting",
        "advice.hpp",
        "case 421: return cmd == command::greeting ? action::retry_other_host",
        "case 421: return cmd == command::ehlo ? action::retry_other_host",
        ADV,
    ),
    (
        "adv-552-rcpt",
        "advice.hpp",
        "if (cmd == command::rcpt && options.treat_552_to_rcpt_as_452 &&",
        "if (cmd == command::rcpt &&",
        ADV,
    ),
    (
        "adv-530-tls",
        "advice.hpp",
        "if (options.tls == tls_state::inactive) return action::start_tls;",
        "if (options.tls == tls_state::inactive) return action::authenticate;",
        ADV,
    ),
    ("adv-x79", "advice.hpp", "(cmd == command::none && e.detail != 9)", "(cmd == command::none)", ADV),
    (
        "adv-esc-agree",
        "advice.hpp",
        "const bool esc_agrees = !esc.empty() && esc.klass ==",
        "const bool esc_agrees = !esc.empty() || esc.klass ==",
        ADV,
    ),
    ("adv-551", "advice.hpp", "    case 551:\n", "", ADV),
    (
        "adv-syntax-cat",
        "advice.hpp",
        "return code.category() == reply_category::syntax ? action::fix_request",
        "return code.category() == reply_category::information ? action::fix_request",
        ADV,
    ),
    # ---- EHLO ----
    ("ehlo-month-13", "ehlo.hpp", "!two_digits(s, 5, 12)", "!two_digits(s, 5, 13)", EHLO),
    ("ehlo-day-32", "ehlo.hpp", "!two_digits(s, 8, 31)", "!two_digits(s, 8, 32)", EHLO),
    ("ehlo-hour-24", "ehlo.hpp", "!two_digits(s, 11, 23)", "!two_digits(s, 11, 24)", EHLO),
    ("ehlo-leap-61", "ehlo.hpp", "!two_digits(s, 17, 60)", "!two_digits(s, 17, 61)", EHLO),
    ("ehlo-deliverby-9", "ehlo.hpp", "impl::parse_number(t, 9, n.value)", "impl::parse_number(t, 10, n.value)", EHLO),
    (
        "ehlo-limits-6",
        "ehlo.hpp",
        "impl::parse_number(t.substr(eq + 1), 6, n.value)",
        "impl::parse_number(t.substr(eq + 1), 7, n.value)",
        EHLO,
    ),
    (
        "ehlo-size-tokens",
        "ehlo.hpp",
        "        } else if (tokens > 1) {\n          n.state = param_state::malformed;\n        }\n"
        "        if (n.state != param_state::value) n.value = 0;\n        merge(size_",
        "        }\n        if (n.state != param_state::value) n.value = 0;\n        merge(size_",
        EHLO,
    ),
    (
        "ehlo-mixer",
        "ehlo.hpp",
        'impl::iequal(t, "MIXER")        ? mt_priority_policy::mixer',
        'impl::iequal(t, "MIXER")        ? mt_priority_policy::nsep',
        EHLO,
    ),
    ("ehlo-merge-conflict", "ehlo.hpp", "} else if (!(into == now)) {", "} else if (false) {", EHLO),
    (
        "ehlo-max-auth",
        "ehlo.hpp",
        "if (s.empty() || s.size() > 20) return false;",
        "if (s.empty() || s.size() > 21) return false;",
        EHLO,
    ),
    (
        "ehlo-sasl-dash",
        "ehlo.hpp",
        "if (!(is_alpha(c) || is_digit(c) || c == '-' || c == '_')) return false;",
        "if (!(is_alpha(c) || is_digit(c) || c == '-')) return false;",
        EHLO,
    ),
]


def run(cmd, log, timeout=None, cwd=None):
    with open(log, "ab") as f:
        f.write(("$ " + " ".join(map(str, cmd)) + "\n").encode())
        f.flush()
        try:
            return subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, timeout=timeout, cwd=cwd).returncode
        except subprocess.TimeoutExpired:
            f.write(b"timeout\n")
            return 124


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fuzz-seconds", type=int, default=10)
    ap.add_argument("--only", default="", help="run the mutants whose id starts with this")
    ap.add_argument("--work", default=str(ROOT / "build" / "mutate"))
    ap.add_argument("--cxx", default=shutil.which("clang++-14") or "clang++")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    mutants = [m for m in MUTANTS if m[0].startswith(args.only)]
    if args.list:
        for m in mutants:
            print(f"{m[0]:<22} {m[1]}: {m[2]!r} -> {m[3]!r}")
        return 0
    work = pathlib.Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    cxx = args.cxx
    catch_main = work / "main.o"
    if (
        run(
            [
                cxx,
                "-std=c++17",
                "-O0",
                f"-I{ROOT / 'tests'}",
                "-c",
                str(ROOT / "tests/main.cpp"),
                "-o",
                str(catch_main),
            ],
            work / "main.log",
        )
        != 0
    ):
        print("cannot build the Catch2 main (tests/main.cpp)", file=sys.stderr)
        return 2
    results = []
    for mid, rel, old, new, (tests, targets) in mutants:
        start = time.time()
        d = work / mid
        inc = d / "include"
        shutil.copytree(ROOT / "include", inc)
        path = inc / "smtpreply" / rel
        text = path.read_text()
        if old not in text:
            results.append((mid, "STALE", "the mutated text is not in the source"))
            print(f"{mid:<22} STALE (text not found)", flush=True)
            continue
        path.write_text(text.replace(old, new, 1))
        log = d / "log.txt"
        verdict, by = "survived", ""
        # 1. The Catch2 tests of the area.
        objs = [str(catch_main)]
        for t in tests:
            o = d / f"{t}.o"
            rc = run(
                [
                    cxx,
                    "-std=c++17",
                    "-O0",
                    f"-I{inc}",
                    f"-I{ROOT / 'tests'}",
                    f'-DSMTPREPLY_TEST_DATA_DIR="{ROOT / "tests/data"}"',
                    "-c",
                    str(ROOT / "tests" / f"{t}.cpp"),
                    "-o",
                    str(o),
                ],
                log,
            )
            if rc != 0:
                verdict, by = "caught", f"build of {t}"
                break
            objs.append(str(o))
        if verdict == "survived":
            exe = d / "tests"
            if run([cxx, *objs, "-o", str(exe)], log) != 0:
                verdict, by = "caught", "link"
            elif run([str(exe)], log, timeout=120) != 0:
                verdict, by = "caught", "tests"
        # 2. The fuzz targets of the area: corpus replay, then fuzzing.
        if verdict == "survived":
            for t in targets:
                exe = d / t
                if (
                    run(
                        [
                            cxx,
                            "-std=c++17",
                            "-O1",
                            "-g",
                            "-fsanitize=fuzzer,address,undefined",
                            "-fno-sanitize-recover=all",
                            f"-I{inc}",
                            str(ROOT / "fuzz" / f"{t}.cc"),
                            "-o",
                            str(exe),
                        ],
                        log,
                    )
                    != 0
                ):
                    verdict, by = "caught", f"build of {t}"
                    break
                new_corpus = d / f"corpus_{t}"
                new_corpus.mkdir()
                rc = run(
                    [
                        str(exe),
                        f"-max_total_time={args.fuzz_seconds}",
                        "-timeout=10",
                        "-rss_limit_mb=2560",
                        f"-dict={ROOT / 'fuzz/smtp.dict'}",
                        f"-artifact_prefix={d}/{t}-",
                        str(new_corpus),
                        str(ROOT / "fuzz/corpus" / t),
                    ],
                    log,
                    timeout=args.fuzz_seconds * 4 + 120,
                )
                if rc != 0:
                    verdict, by = "caught", t
                    break
        if verdict == "caught":
            shutil.rmtree(inc, ignore_errors=True)
        results.append((mid, verdict, by))
        print(f"{mid:<22} {verdict:<9} {by:<22} {time.time() - start:5.0f} s  ({rel})", flush=True)
    caught = sum(1 for r in results if r[1] == "caught")
    counted = sum(1 for r in results if r[1] != "STALE")
    survivors = [r[0] for r in results if r[1] == "survived"]
    print(f"mutation score: {caught}/{counted} caught ({100.0 * caught / max(counted, 1):.0f}%)")
    if survivors:
        print("survived: " + ", ".join(survivors))
    print(f"mutation: {caught} passed, {counted - caught} failed")
    return 0 if not survivors and counted == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
