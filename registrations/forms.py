from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import RecipientKind
from campaigns.models import Campaign
from directory.models import Person, Unit
from xuanson_tdkt.fields import QuickSelect, RequiredWhenField, VietDateField
from xuanson_tdkt.locking import VersionedForm

from .eligibility import titles_for
from .enums import Ground, PhaseKind, RegistrationStatus
from .models import Initiative, Phase, Registration
from .uploads import CheckedFileField


def open_registration_phase(*, commune, year: int, campaign=None, day=None) -> Phase | None:
    """The registration window open today for the year (campaign=None) or for a thematic campaign."""
    phases = Phase.objects.filter(commune=commune, year=year, kind=PhaseKind.REGISTRATION, campaign=campaign)
    return phases.open_on(day).order_by("closes_on", "pk").first()


class PhaseForm(VersionedForm, forms.ModelForm):
    opens_on = VietDateField(label=_("opens on"))
    closes_on = VietDateField(label=_("closes on"))

    class Meta:
        model = Phase
        fields = ["year", "campaign", "kind", "name", "opens_on", "closes_on"]

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.commune = commune
        self.fields["year"].min_value = 2000
        self.fields["year"].max_value = 2100
        self.fields["campaign"].queryset = Campaign.objects.filter(plan__commune=commune).select_related("plan")
        self.fields["campaign"].label_from_instance = lambda c: f"{c.plan.year} – {c.name}"
        self.fields["campaign"].empty_label = _("(the whole year)")
        self.fields["campaign"].help_text = _("Empty: the window of the year's registrations, not of one campaign.")

    def clean(self):
        cleaned = super().clean()
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("The closing date must not be before the opening date."))
        campaign, year = cleaned.get("campaign"), cleaned.get("year")
        if campaign and year and campaign.plan.year != year:
            self.add_error("campaign", _("This campaign belongs to the plan of %(year)s.") % {
                "year": campaign.plan.year})
        return cleaned


def initiative_use(title) -> str:
    """Whether a registration for this title names an initiative: "required", "allowed" or "none".

    An initiative is authored by people, so it grounds only an individual's title (required where the rules say so,
    e.g. CSTĐCS under NĐ 91/2017; allowed for the other individual titles, e.g. CSTĐCS today)."""
    if title.requires_initiative:
        return "required"
    return "allowed" if title.recipient_kind == RecipientKind.INDIVIDUAL else "none"


def accepts_excellence(title) -> bool:
    """Whether "hoàn thành xuất sắc nhiệm vụ" may ground this title instead of an initiative (NĐ 152/2025's CSTĐCS)."""
    return title.requires_initiative and title.excellence_may_replace_initiative


class TitleSelect(forms.Select):
    """A select whose options carry their title's recipient kind and initiative use (data-kind, data-initiative),
    read by static/js/registration_form.js to show only the fields that title needs."""

    option_data: dict[str, dict[str, str]] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        data = self.option_data.get(str(value))
        if data:
            option["attrs"] = {**option["attrs"], **data}
        return option


class GroupedTitleField(forms.ModelChoiceField):
    """Titles grouped by who receives them (individual, collective, household, hamlet), as the leader thinks of them."""

    widget = TitleSelect

    def set_grouped_choices(self, titles):
        groups = {}
        for title in titles:
            groups.setdefault(title.get_recipient_kind_display(), []).append((title.pk, title.name))
        self.choices = [("", self.empty_label), *groups.items()]
        self.widget.option_data = {
            str(title.pk): {"data-kind": title.recipient_kind, "data-initiative": initiative_use(title),
                            "data-excellence": "1" if accepts_excellence(title) else "0"}
            for title in titles
        }


class RegistrationForm(VersionedForm, forms.ModelForm):
    lock_also = ("status",)  # a form opened before "submitted" or "accepted" is refused, and says so
    title = GroupedTitleField(label=_("emulation title"), queryset=None, empty_label=_("– choose a title –"))
    household = RequiredWhenField(
        label=_("household (head of household, address)"), max_length=300,
        help_text=_("Required for titles of households (Gia đình văn hóa): head of household, address."))
    ground_evidence_upload = CheckedFileField(
        label=_("evidence file (optional)"),
        help_text=_("A scan of the evaluation, as PDF, DOCX, XLSX, JPG or PNG; a new file replaces the old one."))

    class Meta:
        model = Registration
        fields = ["unit", "title", "campaign", "person", "household", "ground", "initiative", "ground_evidence", "note",
                  "phase"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3}), "household": forms.TextInput(),
                   "ground": forms.RadioSelect, "ground_evidence": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"title": {"required": _("Choose a title.")}, "unit": {"required": _("Choose the unit.")}}

    def __init__(self, *args, actor, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor, self.year = actor, year
        commune = actor.commune
        self.staff = actor.is_office_staff
        units = Unit.objects.filter(commune=commune)
        if not self.staff:
            units = units.filter(pk__in=actor.led_unit_ids)
        if self.instance.pk:
            # The registering unit stays: another unit's registration is another registration.
            units = units.filter(pk=self.instance.unit_id)
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = None
        self.fields["unit"].label = _("registering unit")
        if len(self.fields["unit"].queryset) == 1:
            self.fields["unit"].widget = forms.HiddenInput()
            self.fields["unit"].initial = self.fields["unit"].queryset[0].pk

        titles = list(titles_for(commune=commune, year=year))
        self.fields["title"].queryset = titles_for(commune=commune, year=year)
        self.fields["title"].set_grouped_choices(titles)

        campaigns = Campaign.objects.filter(
            plan__commune=commune, plan__year=year, phases__kind=PhaseKind.REGISTRATION
        ).distinct()
        self.fields["campaign"].queryset = campaigns
        self.fields["campaign"].empty_label = _("(the year's emulation titles)")
        self.fields["campaign"].help_text = _("Only for a registration under a thematic campaign.")
        if not campaigns.exists():
            del self.fields["campaign"]

        self.fields["person"].queryset = (
            Person.objects.filter(commune=commune, unit__in=units).select_related("unit").in_vietnamese_order()
        )
        self.fields["person"].label_from_instance = (
            (lambda p: f"{p.full_name} ({p.unit})") if self.staff else (lambda p: p.full_name)
        )
        self.fields["person"].help_text = _("For titles of individuals.")
        self.fields["person"].empty_label = _("– choose a person –")
        # Read by static/js/registration_form.js: which titles each field belongs to (the title's data-kind).
        self.fields["person"].widget.attrs["data-for-kind"] = RecipientKind.INDIVIDUAL
        self.fields["household"].widget.attrs["data-for-kind"] = RecipientKind.HOUSEHOLD
        self.fields["initiative"].widget.attrs["data-for-initiative"] = "1"
        self.fields["ground"].widget.attrs["data-for-ground"] = "choice"
        self.fields["ground_evidence"].widget.attrs["data-for-ground"] = "evidence"
        self.fields["ground_evidence_upload"].widget.attrs["data-for-ground"] = "evidence"
        self.fields["ground"].required = False  # an older form, or one without the choice, means the initiative
        self.fields["ground"].help_text = _(
            "Only for a title whose initiative may be replaced by excellent completion of duties (CSTĐCS today).")

        initiatives = Initiative.objects.filter(commune=commune, year=year, unit__in=units)
        free = Q(registration__isnull=True)
        if self.instance.pk:
            free |= Q(registration=self.instance)
        self.fields["initiative"].queryset = initiatives.filter(free)
        self.fields["initiative"].empty_label = _("– no initiative –")
        self.fields["initiative"].help_text = _(
            "An initiative of your unit authored by the person; one initiative grounds only one award."
        )

        if self.staff:
            phases = Phase.objects.filter(commune=commune, year=year, kind=PhaseKind.REGISTRATION)
            self.fields["phase"].queryset = phases
            self.fields["phase"].required = False
            self.fields["phase"].empty_label = _("(the open window)")
            self.fields["phase"].help_text = _("The office may register in any window, open or closed.")
        else:
            del self.fields["phase"]

    def clean(self):
        cleaned = super().clean()
        title, unit = cleaned.get("title"), cleaned.get("unit")
        if title is None or unit is None:
            return cleaned
        campaign = cleaned.get("campaign")
        phase = cleaned.get("phase") if self.staff else None
        if phase is None and self.instance.pk and self.instance.campaign_id == getattr(campaign, "pk", None):
            phase = self.instance.phase
        if phase is None:
            phase = open_registration_phase(commune=self.actor.commune, year=self.year, campaign=campaign)
        if phase is None:
            if campaign:
                message = _("The registration window of %(campaign)s is not open today.") % {"campaign": campaign}
            else:
                message = _("No registration window of %(year)s is open today. Ask the office.") % {"year": self.year}
            self.add_error("campaign" if campaign else None, message)
        self.phase = phase

        person = cleaned.get("person")
        if title.recipient_kind != RecipientKind.INDIVIDUAL:
            cleaned["person"] = None
        if title.recipient_kind != RecipientKind.HOUSEHOLD:
            cleaned["household"] = ""
        elif not (cleaned.get("household") or "").strip() and "household" not in self.errors:
            self.add_error("household", _("Enter the head of household and the address."))
        if initiative_use(title) == "none":
            cleaned["initiative"] = None  # left over from another title chosen first (or hidden by the script)
        ground = cleaned.get("ground") or Ground.INITIATIVE
        if not title.requires_initiative:
            ground = Ground.INITIATIVE  # the choice means nothing for this title (hidden by the script)
        # Excellence chosen for a title that requires the initiative anyway (NĐ 91/2017) is kept, so that the rules
        # check says why it is refused.
        cleaned["ground"] = ground
        if ground == Ground.EXCELLENCE and accepts_excellence(title):
            cleaned["initiative"] = None  # not the ground: it stays free to ground another award
        if ground != Ground.EXCELLENCE:
            cleaned["ground_evidence"] = ""
            cleaned["ground_evidence_upload"] = None
        others = Registration.objects.filter(year=self.year, title=title).exclude(pk=self.instance.pk)
        if title.recipient_kind == RecipientKind.INDIVIDUAL and person and others.filter(person=person).exists():
            self.add_error("person", _("%(name)s is already registered for %(title)s in %(year)s.") % {
                "name": person.full_name, "title": title.name, "year": self.year})
        if title.recipient_kind in (RecipientKind.COLLECTIVE, RecipientKind.HAMLET) and others.filter(
            unit=unit, recipient_kind__in=[RecipientKind.COLLECTIVE, RecipientKind.HAMLET]
        ).exists():
            self.add_error("title", _("%(unit)s is already registered for %(title)s in %(year)s.") % {
                "unit": unit.name, "title": title.name, "year": self.year})
        return cleaned

    @property
    def evidence_upload(self):
        """(upload, CheckedUpload) of a new evidence file, or (None, None)."""
        return self.cleaned_data.get("ground_evidence_upload") or (None, None)

    def fill_instance(self) -> Registration:
        """The registration as the form describes it, not yet saved (services.save_registration saves it)."""
        registration = self.save(commit=False)
        registration.commune = self.actor.commune
        registration.year = self.year
        registration.phase = self.phase
        registration.recipient_kind = registration.title.recipient_kind
        # Set even when the choice was not posted (ModelForm would keep the model's default or the old value).
        registration.ground = self.cleaned_data.get("ground") or Ground.INITIATIVE
        registration.ground_evidence = self.cleaned_data.get("ground_evidence") or ""
        if registration.ground != Ground.EXCELLENCE:
            registration.ground_evidence_file, registration.ground_evidence_file_name = "", ""
        if self.instance.pk is None:
            registration.status = RegistrationStatus.DRAFT
        return registration


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("what must be changed"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what must be changed.")},
    )


class OverviewFilterForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("unit"), queryset=None, required=False, empty_label=_("All units"),
                                  widget=QuickSelect)
    title = forms.ModelChoiceField(
        label=_("emulation title"), queryset=None, required=False, empty_label=_("All titles"), widget=QuickSelect
    )
    status = forms.ChoiceField(label=_("status"), required=False, widget=QuickSelect,
                               choices=[("", _("All statuses")), *RegistrationStatus.choices])
    recipient_kind = forms.ChoiceField(
        label=_("registered"), required=False, choices=[("", _("All kinds")), *RecipientKind.choices],
        widget=QuickSelect,
    )

    def __init__(self, *args, commune, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(commune=commune)
        self.fields["title"].queryset = titles_for(commune=commune, year=year)
        for field in self.fields.values():
            field.widget.attrs.update({"class": "form-select", "aria-label": field.label})

    def filter(self, registrations):
        if not self.is_valid():
            return registrations
        data = self.cleaned_data
        if data["unit"]:
            registrations = registrations.filter(unit=data["unit"])
        if data["title"]:
            registrations = registrations.filter(title=data["title"])
        if data["status"]:
            registrations = registrations.filter(status=data["status"])
        if data["recipient_kind"]:
            registrations = registrations.filter(recipient_kind=data["recipient_kind"])
        return registrations
