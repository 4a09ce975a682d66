"""Nominations (đề nghị khen thưởng), as awards.nomination_views.visible_nominations gives them to the token's
account: the commune's to its office and council, a unit leader's own units' only. Of a person, only what the
nomination list prints: the name and the unit."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from awards.enums import AwardStatus, NominationStatus
from awards.models import Nomination
from awards.nomination_views import visible_nominations

from .access import commune_actor
from .query_params import choice_param, choice_parameter, year_param, year_parameter
from .refs import InitiativeRefSerializer, PersonRefSerializer, TitleRefSerializer, UnitRefSerializer


class NominationSerializer(serializers.ModelSerializer):
    title = TitleRefSerializer(read_only=True)
    recipient_name = serializers.CharField(read_only=True)
    person = PersonRefSerializer(read_only=True, allow_null=True)
    unit = UnitRefSerializer(read_only=True, allow_null=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    award_status = serializers.SerializerMethodField()

    class Meta:
        model = Nomination
        fields = ["id", "year", "title", "recipient_name", "person", "unit", "household", "status", "status_display",
                  "complaint_open", "award_status"]

    def get_award_status(self, nomination) -> AwardStatus | None:
        """The award a decision granted on this nomination: "active" (in force) or "revoked"; null before."""
        award = getattr(nomination, "award", None)
        return award.status if award is not None else None


class NominationDetailSerializer(NominationSerializer):
    registration = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    initiative = InitiativeRefSerializer(read_only=True, allow_null=True)

    class Meta(NominationSerializer.Meta):
        fields = [*NominationSerializer.Meta.fields, "registration", "initiative", "achievement"]


@extend_schema_view(
    list=extend_schema(
        summary="Đề nghị khen thưởng",
        description="Các đề nghị khen thưởng như trang Đề nghị khen thưởng cho tài khoản của khoá: văn phòng và Hội "
                    "đồng thấy cả xã, trưởng thôn chỉ thấy đề nghị của đơn vị mình. Năm mới nhất trước, trong một "
                    "năm theo thứ tự như trang (danh hiệu, tên người theo thứ tự tiếng Việt, đơn vị).",
        parameters=[year_parameter("Chỉ các đề nghị của năm này."),
                    choice_parameter("status", NominationStatus.values, "Trạng thái đề nghị.")]),
    retrieve=extend_schema(summary="Một đề nghị khen thưởng", responses=NominationDetailSerializer),
)
class NominationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = NominationSerializer
    queryset = Nomination.objects.none()

    def get_serializer_class(self):
        return NominationDetailSerializer if self.action == "retrieve" else NominationSerializer

    def get_queryset(self):
        commune_actor(self.request)
        _actor, nominations = visible_nominations(self.request.user)
        nominations = nominations.select_related("title", "person", "unit", "award").order_by(
            "-year", "title__position", "person__sort_key", "unit__position", "household", "pk")
        if self.action == "retrieve":
            return nominations.select_related("initiative")
        year = year_param(self.request)
        status = choice_param(self.request, "status", NominationStatus.values)
        if year is not None:
            nominations = nominations.filter(year=year)
        if status:
            nominations = nominations.filter(status=status)
        return nominations
