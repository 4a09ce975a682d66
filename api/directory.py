"""Communes: a commune member's token reads its own commune; an operator's token the province's communes."""

from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from directory.models import Commune
from directory.permissions import get_actor, get_operator


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
