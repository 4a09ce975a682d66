"""Communes: a commune member's token reads its own commune; an operator's token the province's communes. Units: as
the directory's pages show them."""

from django.db.models import Count, Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from directory.models import Commune, Person, Unit
from directory.permissions import get_actor, get_operator
from directory.views import _visible_units

from .access import commune_actor
from .refs import PersonRefSerializer


class CommuneSerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="province.name", read_only=True)
    upper_level = serializers.CharField(read_only=True)

    class Meta:
        model = Commune
        fields = ["id", "slug", "name", "kind_label", "province", "upper_level", "valid_from", "valid_until"]


class CommuneViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CommuneSerializer
    queryset = Commune.objects.none()

    def get_queryset(self):
        communes = Commune.objects.select_related("province").order_by("name", "pk")
        actor = get_actor(self.request.user)
        if actor is not None:
            return communes.filter(pk=actor.commune.pk)
        operator = get_operator(self.request.user)
        if operator is not None:
            return communes.filter(province_id=operator.province_id)
        raise PermissionDenied


# Units: as the directory's pages show them (directory.views): the whole commune to its office and council, a unit
# leader only the units they lead; people only as the unit's page lists them (name and position).


class UnitPersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "full_name", "position"]


class UnitSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    leader = PersonRefSerializer(read_only=True, allow_null=True)
    people_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "name", "short_name", "kind", "kind_display", "position", "leader", "people_count",
                  "valid_from", "valid_until", "successor"]


class UnitDetailSerializer(UnitSerializer):
    people = UnitPersonSerializer(many=True, read_only=True)

    class Meta(UnitSerializer.Meta):
        fields = [*UnitSerializer.Meta.fields, "people"]


@extend_schema_view(
    list=extend_schema(summary="Đơn vị của xã", description=(
        "Thôn, tổ dân phố, ban, ngành, đoàn thể của xã, như trang Danh bạ: văn phòng và Hội đồng thấy cả xã, "
        "trưởng thôn chỉ thấy đơn vị mình phụ trách. Thứ tự như trang (vị trí, tên).")),
    retrieve=extend_schema(summary="Một đơn vị và danh sách người của đơn vị (họ tên, chức vụ)",
                           responses=UnitDetailSerializer),
)
class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = UnitSerializer
    queryset = Unit.objects.none()

    def get_serializer_class(self):
        return UnitDetailSerializer if self.action == "retrieve" else UnitSerializer

    def get_queryset(self):
        commune_actor(self.request)
        _actor, units = _visible_units(self.request.user)
        units = (units.select_related("leader").annotate(people_count=Count("people"))
                 .order_by("position", "name", "pk"))
        if self.action == "retrieve":
            units = units.prefetch_related(
                Prefetch("people", queryset=Person.objects.in_vietnamese_order()))
        return units
