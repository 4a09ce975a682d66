import rules

from directory.permissions import is_chairman, is_office_staff, is_province_operator

# The province's emulation office (Ban TĐKT) onboards its communes; the objects it may touch are its province's own.
rules.add_perm("provinces.operate", is_province_operator)
# A commune's office staff and its chairman send its dossiers up to the province.
rules.add_perm("provinces.send_dossiers", is_office_staff | is_chairman)
