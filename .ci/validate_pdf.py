#!/usr/bin/env python3
"""Validates PDFs with `page` (PyPI: page-validation), an independent PDF/UA-1
and PDF/A checker that passes the veraPDF test corpus, without Java.

    python3 .ci/validate_pdf.py out/usa-en.pdf --profile ua1 --profile 2a

Prints one line per file and profile, and every failed rule with its checks;
exits 1 if any rule failed, 2 if `page` is not installed
(`pip install page-validation`).
"""

import argparse
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdfs", nargs="+", help="PDF files to validate")
    parser.add_argument(
        "--profile",
        action="append",
        required=True,
        help="a page profile: ua1 (PDF/UA-1), 2a (PDF/A-2a), 2b, 2u, …",
    )
    args = parser.parse_args()
    try:
        import page
    except ImportError:
        print("page is not installed: pip install page-validation", file=sys.stderr)
        return 2

    failed = False
    for pdf in args.pdfs:
        for profile in args.profile:
            report = page.validate_pdf(pdf, profile=profile)
            verdict = "conforms" if report.is_compliant else "DOES NOT CONFORM"
            print(
                f"{pdf}: {report.profile.name}: {verdict} "
                f"({report.rules.passed} of {report.rules.total} rules passed, "
                f"{report.checks.failed} failed checks; page {page.__version__})"
            )
            by_rule = {}
            for failure in report.failures:
                by_rule.setdefault(failure.rule_id, []).append(failure.message)
            for rule, messages in sorted(by_rule.items()):
                print(f"  {rule}: {messages[0]}" + (f" (+{len(messages) - 1} more)" if len(messages) > 1 else ""))
            failed |= not report.is_compliant or report.rules.failed > 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
