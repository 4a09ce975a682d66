"""Registrations of titles, as registrations.views.visible_registrations gives them to the token's account: the whole
commune's (with a merged predecessor's) to its office and council, a unit leader's own units' only."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from registrations.enums import RegistrationStatus
from registrations.models import Phase, Registration
from registrations.views import visible_registrations

from .access import commune_actor
from .query_params import choice_param, choice_parameter, id_parameter, int_param, year_param, year_parameter
from .refs import (
    CampaignRefSerializer,
    InitiativeRefSerializer,
    PersonRefSerializer,
    TitleRefSerializer,
    UnitRefSerializer,
)


class PhaseRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Phase
        fields = ["id", "name", "opens_on", "closes_on"]


class RegistrationSerializer(serializers.ModelSerializer):
    commune = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    unit = UnitRefSerializer(read_only=True)
    title = TitleRefSerializer(read_only=True)
    recipient_kind_display = serializers.CharField(source="get_recipient_kind_display", read_only=True)
    recipient_name = serializers.CharField(read_only=True)
    person = PersonRefSerializer(read_only=True, allow_null=True)
    initiative = InitiativeRefSerializer(read_only=True, allow_null=True)
    campaign = CampaignRefSerializer(read_only=True, allow_null=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Registration
        fields = ["id", "year", "commune", "unit", "title", "recipient_kind", "recipient_kind_display",
                  "recipient_name", "person", "household", "initiative", "campaign", "status", "status_display"]


class RegistrationDetailSerializer(RegistrationSerializer):
    phase = PhaseRefSerializer(read_only=True)
    ground_display = serializers.CharField(source="get_ground_display", read_only=True)

    class Meta(RegistrationSerializer.Meta):
        fields = [*RegistrationSerializer.Meta.fields, "phase", "ground", "ground_display", "ground_evidence",
                  "note", "office_comment", "created_at", "updated_at"]


@extend_schema_view(
    list=extend_schema(
        summary="Đăng ký thi đua",
        description="Các đăng ký danh hiệu như trang Đăng ký cho tài khoản của khoá: văn phòng và Hội đồng thấy cả "
                    "xã, trưởng thôn chỉ thấy đăng ký của đơn vị mình. Năm mới nhất trước, trong một năm theo thứ "
                    "tự đơn vị, danh hiệu.",
        parameters=[year_parameter("Chỉ các đăng ký của năm này."),
                    id_parameter("unit", "Chỉ các đăng ký của đơn vị này."),
                    choice_parameter("status", RegistrationStatus.values, "Trạng thái đăng ký.")]),
    retrieve=extend_schema(summary="Một đăng ký thi đua", responses=RegistrationDetailSerializer),
)
class RegistrationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RegistrationSerializer
    queryset = Registration.objects.none()

    def get_serializer_class(self):
        return RegistrationDetailSerializer if self.action == "retrieve" else RegistrationSerializer

    def get_queryset(self):
        commune_actor(self.request)
        _actor, registrations = visible_registrations(self.request.user)
        registrations = registrations.select_related(
            "commune", "unit", "title", "person", "initiative", "campaign").order_by(
            "-year", "unit__position", "title__position", "pk")
        if self.action == "retrieve":
            return registrations.select_related("phase")
        year, unit = year_param(self.request), int_param(self.request, "unit")
        status = choice_param(self.request, "status", RegistrationStatus.values)
        if year is not None:
            registrations = registrations.filter(year=year)
        if unit is not None:
            registrations = registrations.filter(unit_id=unit)
        if status:
            registrations = registrations.filter(status=status)
        return registrations
