import sys

from .launch import entry_point

sys.exit(entry_point())
