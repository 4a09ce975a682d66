"""The dossier of a nomination, checked against its title's list of components (DossierRequirement, as data)."""

from .models import DossierItem, DossierRequirement, Nomination


def missing_items(nomination: Nomination):
    """The components the nomination's title requires that have no provided item yet, in the title's order."""
    provided = DossierItem.objects.filter(nomination=nomination, provided=True).values("requirement_id")
    return DossierRequirement.objects.filter(title_id=nomination.title_id).exclude(pk__in=provided).order_by(
        "position", "pk")
