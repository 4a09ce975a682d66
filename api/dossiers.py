"""Dossiers sent up to the province, read from both sides, and the commune's sending (POST).

Who sees what is the dossier pages' (provinces/dossier_views.py) through their own helpers: a commune member's token
reads its commune's dossiers if the account is of the office or the chairman (anyone else of the commune: 403;
another commune's dossier: 404); an operator's token reads its province's inbox (another province's dossier: 404).
A dossier's detail is the page's: the submission, the minutes, what is missing, each nominee's dossier items (files
through signed links, see api/files.py) and the steps.

Sending (`POST /api/dossiers/ {"proposal": id}`, scope "submit") is the page's dossier_send: the same lookup (another
commune's proposal: 404), the same role check, the same service (provinces.dossiers.send_dossier) and so the same
refusals, in Vietnamese, as a 400. A proposal returned by the province is sent again the same way (its receipt kept).
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from awards.models import AwardDecision, Nomination
from directory.permissions import get_actor
from provinces import dossiers as services
from provinces.dossier_views import _commune_dossier, _components, _manager, _operator_dossier
from provinces.enums import DossierStatus
from provinces.models import Dossier
from provinces.views import _operator

from .enums import Scope
from .files import file_url


def who(user) -> str | None:
    """The name the dossier pages show for the author of a step."""
    if user is None:
        return None
    for relation in ("person", "province_operator"):
        try:
            return getattr(user, relation).full_name
        except AttributeError:
            continue
    return user.get_username()


class CommuneRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")


class DocumentRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    issued_on = serializers.DateField()


class TitleCountSerializer(serializers.Serializer):
    title = serializers.CharField()
    count = serializers.IntegerField()


class DossierSerializer(serializers.ModelSerializer):
    """A row of the list: the inbox's columns (receipt, arrived on, commune, nominees and their titles, state)."""

    status_label = serializers.CharField(source="get_status_display")
    commune = CommuneRefSerializer()
    province = serializers.CharField(source="province.name")
    nominee_count = serializers.SerializerMethodField()
    titles = serializers.SerializerMethodField()

    class Meta:
        model = Dossier
        fields = ["id", "receipt_code", "receipt_number", "year", "status", "status_label", "received_on", "sent_at",
                  "commune", "province", "proposal", "nominee_count", "titles"]
        read_only_fields = fields

    def _nominations(self, dossier):
        return list(dossier.proposal.nominations.all())  # prefetched with their titles

    def get_nominee_count(self, dossier) -> int:
        return len(self._nominations(dossier))

    @extend_schema_field(TitleCountSerializer(many=True))
    def get_titles(self, dossier):
        counts = {}
        for nomination in self._nominations(dossier):
            counts[nomination.title.name] = counts.get(nomination.title.name, 0) + 1
        return [{"title": name, "count": count} for name, count in sorted(counts.items())]


class DossierLineSerializer(serializers.Serializer):
    requirement = serializers.CharField(source="requirement.name")
    requirement_code = serializers.CharField(source="requirement.code")
    provided = serializers.BooleanField()
    document_code = serializers.SerializerMethodField(help_text="The portal's own document serving as this item.")
    note = serializers.SerializerMethodField()
    file_url = serializers.SerializerMethodField(help_text="A signed link to the file, valid for a short while.")

    def get_document_code(self, line) -> str | None:
        return line.document.code if line.document is not None else None

    def get_note(self, line) -> str:
        return line.item.note if line.item is not None else ""

    @extend_schema_field(OpenApiTypes.URI)
    def get_file_url(self, line):
        if line.item is None or not line.item.file or line.document is not None:
            return None
        return file_url(self.context.get("request"), "dossier-item", line.item.pk)


class NomineeSerializer(serializers.Serializer):
    nomination = serializers.IntegerField(source="nomination.pk")
    recipient_name = serializers.CharField(source="nomination.recipient_name")
    title = serializers.CharField(source="nomination.title.name")
    items = DossierLineSerializer(source="lines", many=True)


class FlaggedItemSerializer(serializers.Serializer):
    recipient_name = serializers.CharField(source="nomination.recipient_name")
    requirement = serializers.CharField(source="requirement.name")


class EventSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    at = serializers.DateTimeField()
    by = serializers.SerializerMethodField()
    comment = serializers.CharField()
    flagged_items = FlaggedItemSerializer(many=True, source="flagged_items.all")

    def get_by(self, event) -> str | None:
        return who(event.by)


class MeetingMinutesSerializer(serializers.Serializer):
    code = serializers.CharField(source="minutes.code")
    held_on = serializers.DateField()


class DossierDetailSerializer(DossierSerializer):
    """A dossier as its page shows it. `components` is provinces.dossier_views._components(dossier)."""

    comment = serializers.CharField()
    submission = DocumentRefSerializer(source="proposal.submission", allow_null=True)
    minutes = MeetingMinutesSerializer(source="components.meetings", many=True)
    missing = serializers.ListField(child=serializers.CharField(), source="components.missing")
    nominees = NomineeSerializer(source="components.rows", many=True)
    events = EventSerializer(source="components.events", many=True)

    class Meta(DossierSerializer.Meta):
        fields = DossierSerializer.Meta.fields + ["comment", "submission", "minutes", "missing", "nominees", "events"]

    def to_representation(self, dossier):
        if not hasattr(dossier, "components"):
            dossier.components = _components(dossier)
        return super().to_representation(dossier)

    def _nominations(self, dossier):
        return [row["nomination"] for row in dossier.components["rows"]]


class SendSerializer(serializers.Serializer):
    proposal = serializers.IntegerField(
        help_text="The proposal (an award decision of the commune, decided by the province's chairman) to send.")


def _year_status(request, queryset):
    """?year= and ?status= as the pages read them (anything else is ignored, as there)."""
    year = request.query_params.get("year", "")
    if year.isdigit() and 2000 <= int(year) <= 2100:
        queryset = queryset.filter(year=int(year))
    status_ = request.query_params.get("status", "")
    if status_ in DossierStatus.values:
        queryset = queryset.filter(status=status_)
    return queryset


FILTERS = [
    OpenApiParameter("year", int, description="Evaluation year (năm)"),
    OpenApiParameter("status", str, enum=DossierStatus.values, description="State of the dossier"),
]


@extend_schema_view(
    list=extend_schema(summary="Hồ sơ đề nghị gửi tỉnh", parameters=FILTERS, description=(
        "Khoá của xã (văn phòng, chủ tịch): các hồ sơ xã đã gửi tỉnh. Khoá của Ban TĐKT tỉnh: hộp hồ sơ nhận được "
        "của tỉnh.")),
    retrieve=extend_schema(summary="Một hồ sơ: thành phần, tệp (liên kết có chữ ký) và các bước"),
    create=extend_schema(summary="Gửi hồ sơ đề nghị lên tỉnh (phạm vi submit)", request=SendSerializer,
                         responses={201: DossierDetailSerializer, 200: DossierDetailSerializer}, description=(
        "Như nút \"Gửi hồ sơ\" của Cổng: cùng điều kiện, cùng thông báo lỗi (400). Gửi lại hồ sơ tỉnh đã trả "
        "cũng bằng lệnh này (giữ số tiếp nhận, trả về 200).")),
)
class DossierViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Dossier.objects.none()
    lookup_value_regex = r"\d+"
    write_scope = Scope.SUBMIT

    def get_serializer_class(self):
        if self.action == "list":
            return DossierSerializer
        if self.action == "create":
            return SendSerializer
        return DossierDetailSerializer

    def get_queryset(self):
        user = self.request.user
        actor = get_actor(user)
        if actor is not None:
            _manager(user)
            dossiers = Dossier.objects.filter(commune=actor.commune)
        else:
            dossiers = Dossier.objects.filter(province=_operator(user).province)
        nominations = Nomination.objects.select_related("title").order_by("title__position", "pk")
        return _year_status(self.request, dossiers).select_related("commune", "province").prefetch_related(
            Prefetch("proposal__nominations", queryset=nominations)).order_by("-year", "receipt_number", "pk")

    def get_object(self):
        user, pk = self.request.user, int(self.kwargs["pk"])
        if get_actor(user) is not None:
            return _commune_dossier(user, pk)
        return _operator_dossier(user, pk)

    def create(self, request, *args, **kwargs):
        # The page's dossier_send: its lookup (another commune's proposal is 404), its role check, its service.
        data = SendSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        actor = get_actor(request.user)
        if actor is None:
            raise PermissionDenied
        proposal = get_object_or_404(AwardDecision, pk=data.validated_data["proposal"], commune=actor.commune)
        _manager(request.user)
        existed = Dossier.objects.filter(proposal=proposal).exists()
        dossier = services.send_dossier(proposal=proposal, by=request.user)
        dossier = _commune_dossier(request.user, dossier.pk)
        return Response(DossierDetailSerializer(dossier, context=self.get_serializer_context()).data,
                        status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED)
