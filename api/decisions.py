"""Award decisions and awards, and a decision from above recorded with its awards (POST …/record/).

- `/api/decisions/`: the commune's award decisions (awards.AwardDecision) as the decision pages give them
  (awards/decision_views.py): its office, chairman and council members read them (others of the commune: 403), its
  predecessors' too after a merger; another commune's: 404. An operator's token: 403 (the province's own decisions are
  at `/api/province-decisions/`).
- `POST /api/decisions/<id>/record/` (scope "decide"): the page decision_record: the same form
  (ExternalDecisionForm: code, issuer, decided_on; `lock_version` optional, as the page's hidden field) and the same
  service (awards.decisions.record_external_decision), for the office and the chairman of the decision's commune.
- `/api/province-decisions/`: an operator's token: its province's decisions (provinces.ProvinceDecision, drafts too,
  as its list page); a commune's token (office, chairman, council): the issued ones deciding one of its dossiers, as
  the commune's download of them, with only its own dossiers and awards.
- `/api/awards/`: the commune's awards, as its award list page (same readers); each with only what the decision
  prints: title, recipient's name and position/unit/address, amount, the decision's number and date, and whether it
  was revoked (and on which day; not why). No person ids, birth dates or contacts.
"""

import datetime
import re

from django.db import transaction
from django.db.models import Count, Q
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from awards import decisions as services
from awards.decision_views import _actor, _require_reader, get_award_for_user, get_decision_for_user
from awards.enums import AwardStatus, DecisionStatus
from awards.forms_decisions import ExternalDecisionForm
from awards.models import Award, AwardDecision
from directory.mergers import lineage_filter
from directory.permissions import get_actor
from provinces.decision_views import _commune_decision, _decision
from provinces.enums import ProvinceDecisionStatus
from provinces.models import Dossier, ProvinceDecision
from provinces.views import _operator
from xuanson_tdkt.locking import VERSION_FIELD

from .dossiers import CommuneRefSerializer, DocumentRefSerializer
from .enums import Scope


def money(amount) -> str:
    """ "1.490.000 đ" """
    return f"{services.format_vnd(amount)} đ"


def _year(request, queryset, field="year"):
    year = request.query_params.get("year", "")
    if year.isdigit() and 2000 <= int(year) <= 2100:
        return queryset.filter(**{field: int(year)})
    return queryset


def _int_param(request, name):
    value = request.query_params.get(name, "")
    return int(value) if value.isdigit() else None


# Awards ---------------------------------------------------------------------------------------------------------------


class DecisionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    decided_on = serializers.DateField(allow_null=True)


class AwardSerializer(serializers.ModelSerializer):
    """An award as its decision prints it."""

    title = serializers.CharField(source="title.name")
    recipient_detail = serializers.CharField(source="shown_detail")
    amount = serializers.IntegerField()
    amount_text = serializers.SerializerMethodField()
    decision = DecisionRefSerializer()
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Award
        fields = ["id", "year", "position", "title", "recipient_name", "recipient_detail", "amount", "amount_text",
                  "decision", "status", "status_label", "revoked_on"]
        read_only_fields = fields

    def get_amount_text(self, award) -> str:
        return money(award.amount)


AWARD_RELATED = ("title", "decision__document__series")


@extend_schema_view(
    list=extend_schema(summary="Khen thưởng của xã", parameters=[
        OpenApiParameter("year", int, description="Year (năm)"),
        OpenApiParameter("decision", int, description="Id of the award decision (/api/decisions/)")]),
    retrieve=extend_schema(summary="Một khen thưởng"),
)
class AwardViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AwardSerializer
    queryset = Award.objects.none()
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        actor = _actor(self.request.user)  # no commune member (an operator): 403, as the award pages
        _require_reader(actor)
        awards = _year(self.request, Award.objects.filter(lineage_filter(actor.commune)))
        decision = _int_param(self.request, "decision")
        if decision is not None:
            awards = awards.filter(decision_id=decision)
        return awards.select_related(*AWARD_RELATED).order_by("-year", "decision_id", "position", "pk")

    def get_object(self):
        return get_award_for_user(self.request.user, int(self.kwargs["pk"]))


# The commune's decisions ----------------------------------------------------------------------------------------------


class DossierRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    receipt_code = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")


class NominationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    recipient_name = serializers.CharField()
    title = serializers.CharField(source="title.name")


class DecisionSerializer(serializers.ModelSerializer):
    decider_label = serializers.CharField(source="get_decider_display")
    status_label = serializers.CharField(source="get_status_display")
    code = serializers.CharField()
    decided_on = serializers.DateField(allow_null=True)
    issuer = serializers.SerializerMethodField(help_text="Who issued it: the level above as recorded, or the "
                                                         "commune's chairman for its own decisions.")
    submission = DocumentRefSerializer(allow_null=True)
    nomination_count = serializers.IntegerField()
    dossier = serializers.SerializerMethodField()

    class Meta:
        model = AwardDecision
        fields = ["id", "year", "decider", "decider_label", "status", "status_label", "code", "decided_on", "issuer",
                  "submission", "nomination_count", "dossier", "lock_version"]
        read_only_fields = fields

    def get_issuer(self, decision) -> str:
        if decision.document_id:
            return f"Chủ tịch UBND {decision.commune.title}"
        return decision.external_issuer

    @staticmethod
    def _dossier(decision):
        try:
            return decision.dossier
        except Dossier.DoesNotExist:
            return None

    @extend_schema_field(DossierRefSerializer(allow_null=True))
    def get_dossier(self, decision):
        dossier = self._dossier(decision)
        return DossierRefSerializer(dossier).data if dossier is not None else None


class DecisionDetailSerializer(DecisionSerializer):
    nominations = NominationRefSerializer(many=True, source="listed")
    awards = AwardSerializer(many=True, source="granted")
    total_amount = serializers.SerializerMethodField()

    class Meta(DecisionSerializer.Meta):
        fields = DecisionSerializer.Meta.fields + ["nominations", "awards", "total_amount"]

    def get_total_amount(self, decision) -> str:
        return money(sum(award.amount for award in decision.granted if award.status == AwardStatus.ACTIVE))


def _detail(decision: AwardDecision) -> AwardDecision:
    """What the decision's page lists: its nominations and the awards it granted."""
    decision.listed = list(decision.nominations.select_related("title", "person", "unit").order_by(
        "title__position", "pk"))
    decision.nomination_count = len(decision.listed)
    decision.granted = list(decision.awards.select_related(*AWARD_RELATED).order_by("position", "pk"))
    return decision


class RecordSerializer(serializers.Serializer):
    """The page's form (ExternalDecisionForm)."""

    code = serializers.CharField(help_text="Decision number, e.g. 125/QĐ-UBND")
    issuer = serializers.CharField(help_text="Issued by: the People's Committee above (UBND …)")
    decided_on = serializers.CharField(help_text="Decision date: dd/mm/yyyy or yyyy-mm-dd")
    lock_version = serializers.IntegerField(
        required=False, help_text="The decision's lock_version as read; if given and someone changed the decision "
                                  "since, the answer is 409.")


ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _form_data(data) -> dict:
    """The API's body as the page's form reads it: an ISO date becomes the form's dd/mm/yyyy."""
    fields = ("code", "issuer", "decided_on", VERSION_FIELD)
    values = {key: data.get(key) for key in fields if data.get(key) is not None}
    found = ISO_DATE.match(str(values.get("decided_on", "")).strip())
    if found:
        values["decided_on"] = f"{found[3]}/{found[2]}/{found[1]}"
    return {key: str(value) for key, value in values.items()}


@extend_schema_view(
    list=extend_schema(summary="Quyết định khen thưởng của xã", parameters=[
        OpenApiParameter("year", int, description="Evaluation year (năm)"),
        OpenApiParameter("status", str, enum=DecisionStatus.values)]),
    retrieve=extend_schema(summary="Một quyết định: danh sách đề nghị và các khen thưởng"),
)
class DecisionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = AwardDecision.objects.none()
    lookup_value_regex = r"\d+"
    write_scope = Scope.DECIDE

    def get_serializer_class(self):
        return DecisionSerializer if self.action == "list" else DecisionDetailSerializer

    def get_queryset(self):
        actor = _actor(self.request.user)
        _require_reader(actor)
        decisions = _year(self.request, AwardDecision.objects.filter(lineage_filter(actor.commune)))
        status_ = self.request.query_params.get("status", "")
        if status_ in DecisionStatus.values:
            decisions = decisions.filter(status=status_)
        return (decisions.select_related("commune", "document__series", "submission__series", "dossier")
                .annotate(nomination_count=Count("nominations", distinct=True)).order_by("-year", "pk"))

    def get_object(self):
        return _detail(get_decision_for_user(self.request.user, int(self.kwargs["pk"])))

    @extend_schema(summary="Ghi nhận quyết định cấp trên kèm các khen thưởng (phạm vi decide)",
                   request=RecordSerializer,
                   responses={200: DecisionDetailSerializer, 400: OpenApiResponse(description="Refused: the "
                              "page's Vietnamese messages"), 409: OpenApiResponse(description="Changed meanwhile")},
                   description=("Như trang \"Ghi nhận quyết định\": số, cơ quan ban hành, ngày quyết định; cấp "
                                "khen thưởng cho mọi đề nghị trong danh sách."))
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        decision = get_decision_for_user(request.user, int(pk), write=True)
        form = ExternalDecisionForm(_form_data(request.data), locked=decision)
        if not form.is_valid():
            errors = {field: [str(message) for message in messages] for field, messages in form.errors.items()}
            if form.stale:
                return Response({"detail": " ".join(errors.get("__all__", [])), "errors": errors},
                                status=status.HTTP_409_CONFLICT)
            return Response({"errors": errors}, status=status.HTTP_400_BAD_REQUEST)
        with transaction.atomic():
            form.claim()
            services.record_external_decision(decision=decision, by=request.user, **form.cleaned_data)
        decision = _detail(get_decision_for_user(request.user, decision.pk))
        return Response(DecisionDetailSerializer(decision, context=self.get_serializer_context()).data)


# The province's decisions ---------------------------------------------------------------------------------------------


class ProvinceAwardSerializer(AwardSerializer):
    commune = CommuneRefSerializer()

    class Meta(AwardSerializer.Meta):
        fields = AwardSerializer.Meta.fields + ["commune"]
        read_only_fields = fields


class ProvinceDossierSerializer(DossierRefSerializer):
    commune = CommuneRefSerializer()


class ProvinceDecisionSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    code = serializers.SerializerMethodField()
    issued_on = serializers.SerializerMethodField()
    province = serializers.CharField(source="province.name")

    class Meta:
        model = ProvinceDecision
        fields = ["id", "year", "province", "status", "status_label", "code", "issued_on"]
        read_only_fields = fields

    def get_code(self, decision) -> str | None:
        return decision.document.code if decision.document_id else None

    def get_issued_on(self, decision) -> datetime.date | None:
        return decision.document.issued_on if decision.document_id else None


class ProvinceDecisionDetailSerializer(ProvinceDecisionSerializer):
    dossiers = ProvinceDossierSerializer(many=True, source="shown_dossiers")
    awards = ProvinceAwardSerializer(many=True, source="shown_awards")
    total_amount = serializers.SerializerMethodField()

    class Meta(ProvinceDecisionSerializer.Meta):
        fields = ProvinceDecisionSerializer.Meta.fields + ["dossiers", "awards", "total_amount"]

    def get_total_amount(self, decision) -> str:
        return money(sum(award.amount for award in decision.shown_awards if award.status == AwardStatus.ACTIVE))


@extend_schema_view(
    list=extend_schema(summary="Quyết định khen thưởng của tỉnh", parameters=[
        OpenApiParameter("year", int, description="Evaluation year (năm)")], description=(
        "Khoá của Ban TĐKT tỉnh: các quyết định của tỉnh (cả dự thảo). Khoá của xã: các quyết định đã ban hành có "
        "hồ sơ của xã.")),
    retrieve=extend_schema(summary="Một quyết định của tỉnh: các hồ sơ và khen thưởng (khoá của xã: chỉ của xã)"),
)
class ProvinceDecisionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = ProvinceDecision.objects.none()
    lookup_value_regex = r"\d+"

    def get_serializer_class(self):
        return ProvinceDecisionSerializer if self.action == "list" else ProvinceDecisionDetailSerializer

    def get_queryset(self):
        actor = get_actor(self.request.user)
        if actor is not None:
            # The commune's download of the province's decision on its own dossier (provinces.decision_views).
            _require_reader(actor)
            decisions = ProvinceDecision.objects.filter(
                pk__in=Dossier.objects.filter(commune=actor.commune).values("decision_id"),
                status=ProvinceDecisionStatus.ISSUED)
        else:
            decisions = ProvinceDecision.objects.filter(province=_operator(self.request.user).province)
        return (_year(self.request, decisions).select_related("province", "document__series")
                .order_by("-year", "pk"))

    def get_object(self):
        user, pk = self.request.user, int(self.kwargs["pk"])
        actor = get_actor(user)
        if actor is not None:
            decision = _commune_decision(user, pk)
            mine = Q(commune=actor.commune)
        else:
            decision = _decision(_operator(user), pk)
            mine = Q()
        decision.province  # noqa: B018 - loaded for the serializer (the commune's helper does not join it)
        decision.shown_dossiers = list(decision.dossiers.filter(mine).select_related("commune")
                                       .order_by("commune__name", "pk"))
        decision.shown_awards = list(
            Award.objects.filter(mine, decision__dossier__decision=decision)
            .select_related("commune", *AWARD_RELATED).order_by("commune__name", "position", "pk"))
        return decision
