import rules

from directory.permissions import is_province_operator

# The province's emulation office (Ban TĐKT) onboards its communes; the objects it may touch are its province's own.
rules.add_perm("provinces.operate", is_province_operator)
