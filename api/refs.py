"""Short references to related objects, shared by the endpoints' serializers (one schema component each): an id
and the name a list prints, nothing more."""

from rest_framework import serializers

from awards.models import Title
from registrations.models import Initiative


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class PersonRefSerializer(serializers.Serializer):
    """A person as lists print them: the name only (no birth date, ID number, phone or address)."""

    id = serializers.IntegerField(read_only=True)
    full_name = serializers.CharField(read_only=True)


class CampaignRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class TitleRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Title
        fields = ["id", "code", "name"]


class InitiativeRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Initiative
        fields = ["id", "title"]
