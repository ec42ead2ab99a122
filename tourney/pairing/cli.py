"""`python -m tourney.pairing < request.json > response.json`."""

from __future__ import annotations

import json
from typing import TextIO

from tourney.pairing.codec import draw_to_json, request_from_json
from tourney.pairing.engine import pair_round
from tourney.pairing.records import PairingInputError


def main(stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Read a request, write the draw. Bad input: one line on stderr, nothing on stdout, exit 2."""
    try:
        data = json.load(stdin)
    except json.JSONDecodeError as error:
        print(f"error: request is not valid JSON: {error}", file=stderr)
        return 2
    try:
        draw = pair_round(request_from_json(data))
    except PairingInputError as error:
        print(f"error: {error}", file=stderr)
        return 2
    json.dump(draw_to_json(draw), stdout, ensure_ascii=False, indent=2)
    stdout.write("\n")
    return 0
