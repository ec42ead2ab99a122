import sys

from tourney.pairing.cli import main

sys.exit(main(sys.stdin, sys.stdout, sys.stderr))
