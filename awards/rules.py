import rules

from directory.permissions import is_chairman, is_council_member, is_office_staff, is_unit_leader, sees_whole_commune

# Nominations: the office and the council read the commune's, a unit leader their own units'; the office (and the
# chairman, who chairs the council) make them; the office keeps the dossiers.
rules.add_perm("awards.view_nominations", sees_whole_commune | is_unit_leader)
rules.add_perm("awards.manage_nominations", is_office_staff | is_chairman)
rules.add_perm("awards.manage_dossiers", is_office_staff)
# Meetings and ballots: the council reads them and votes; the office and the chairman run them.
rules.add_perm("awards.view_meetings", sees_whole_commune)
rules.add_perm("awards.manage_meetings", is_office_staff | is_chairman)
rules.add_perm("awards.vote", is_council_member)
