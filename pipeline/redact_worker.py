"""A redaction worker for `PooledRedactor`: a JSON list of distinct texts on stdin, the same
list redacted by the default redactor on stdout; on failure, one line on stderr and exit 1."""

import json
import sys

from pipeline.privacy import default_redactor


def main() -> int:
    try:
        texts = json.load(sys.stdin)
        json.dump(default_redactor().redact_distinct(texts), sys.stdout)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
