"""Plans, their campaigns and their timeline (the appendix's tasks), as the commune's pages show them: every member of
the commune reads them (campaigns.access, timeline.views), an operator's token gets 403, another commune's objects
are 404."""

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from campaigns.access import check_plan_permission
from campaigns.enums import CampaignKind, PlanKind, PlanStatus
from campaigns.models import Campaign, CampaignTarget, Plan, Section
from campaigns.services import plans_for_commune
from registrations.models import Phase
from timeline.enums import TaskStatus
from timeline.models import TaskAssignment, TimelineTask
from timeline.views import require_timeline_viewer

from .access import commune_actor
from .query_params import (
    choice_param,
    choice_parameter,
    date_param,
    date_parameter,
    id_parameter,
    int_param,
    year_param,
    year_parameter,
)
from .refs import PersonRefSerializer, UnitRefSerializer

OVERDUE = "overdue"


def _plans_reader(request):
    """The actor, if the token's account may read the commune's plans (as campaigns.views.plan_list asks)."""
    actor = commune_actor(request)
    check_plan_permission(request.user, write=False)
    return actor


# Plans ------------------------------------------------------------------------------------------------------------


class SectionChildSerializer(serializers.ModelSerializer):
    class Meta:
        model = Section
        fields = ["id", "label", "title"]


class SectionHeadingSerializer(serializers.ModelSerializer):
    children = SectionChildSerializer(many=True, read_only=True)

    class Meta:
        model = Section
        fields = ["id", "label", "title", "children"]


class PlanCampaignSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Campaign
        fields = ["id", "position", "name", "kind", "kind_display", "starts_on", "ends_on"]


class PlanSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    number = serializers.IntegerField(source="document.number", read_only=True)
    code = serializers.CharField(source="document.code", read_only=True)
    title = serializers.CharField(source="document.summary", read_only=True)
    issued_on = serializers.DateField(source="document.issued_on", read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "year", "kind", "kind_display", "number", "code", "title", "issued_on", "status",
                  "status_display"]


class PlanDetailSerializer(PlanSerializer):
    appendix_title = serializers.CharField(read_only=True)
    sections = SectionHeadingSerializer(source="headings", many=True, read_only=True)
    campaigns = PlanCampaignSerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "appendix_title", "sections", "campaigns"]


@extend_schema_view(
    list=extend_schema(
        summary="Kế hoạch của xã",
        description="Các kế hoạch thi đua, khen thưởng của xã (kế hoạch năm, của Hội đồng, chuyên đề), như trang Kế "
                    "hoạch: năm mới nhất trước.",
        parameters=[year_parameter("Chỉ các kế hoạch của năm này."),
                    choice_parameter("kind", PlanKind.values, "Loại kế hoạch."),
                    choice_parameter("status", PlanStatus.values, "Trạng thái: dự thảo hoặc đã ban hành.")]),
    retrieve=extend_schema(summary="Một kế hoạch: các mục (đề mục) và các phong trào thi đua",
                           responses=PlanDetailSerializer),
)
class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PlanSerializer
    queryset = Plan.objects.none()

    def get_serializer_class(self):
        return PlanDetailSerializer if self.action == "retrieve" else PlanSerializer

    def get_queryset(self):
        actor = _plans_reader(self.request)
        plans = plans_for_commune(actor.commune).order_by("-year", "pk")
        if self.action == "retrieve":
            return plans.prefetch_related(
                Prefetch("sections", to_attr="headings",
                         queryset=Section.objects.filter(parent__isnull=True).prefetch_related("children")),
                "campaigns")
        year = year_param(self.request)
        kind = choice_param(self.request, "kind", PlanKind.values)
        status = choice_param(self.request, "status", PlanStatus.values)
        if year is not None:
            plans = plans.filter(year=year)
        if kind:
            plans = plans.filter(kind=kind)
        if status:
            plans = plans.filter(status=status)
        return plans


# Campaigns --------------------------------------------------------------------------------------------------------


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = CampaignTarget
        fields = ["id", "position", "text", "value", "unit_of_measure"]


class PhaseSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Phase
        fields = ["id", "kind", "kind_display", "name", "year", "opens_on", "closes_on"]


class CampaignSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    year = serializers.IntegerField(source="plan.year", read_only=True)
    plan_code = serializers.CharField(source="plan.document.code", read_only=True)
    organiser = UnitRefSerializer(read_only=True, allow_null=True)
    targets = TargetSerializer(many=True, read_only=True)

    class Meta:
        model = Campaign
        fields = ["id", "plan", "plan_code", "year", "position", "name", "kind", "kind_display", "organiser",
                  "starts_on", "ends_on", "targets"]


class CampaignDetailSerializer(CampaignSerializer):
    printed_text = serializers.CharField(read_only=True)
    phases = PhaseSerializer(many=True, read_only=True)

    class Meta(CampaignSerializer.Meta):
        fields = [*CampaignSerializer.Meta.fields, "content", "printed_text", "listed_in_plan", "phases"]


@extend_schema_view(
    list=extend_schema(
        summary="Phong trào thi đua",
        description="Các phong trào thi đua do các kế hoạch của xã phát động, với chỉ tiêu: năm mới nhất trước, "
                    "trong một kế hoạch theo thứ tự của kế hoạch.",
        parameters=[id_parameter("plan", "Chỉ các phong trào của kế hoạch này (mã số kế hoạch)."),
                    year_parameter("Chỉ các phong trào của kế hoạch năm này."),
                    choice_parameter("kind", CampaignKind.values, "Loại phong trào.")]),
    retrieve=extend_schema(
        summary="Một phong trào: nội dung, chỉ tiêu và các đợt (thời gian đăng ký, nộp hồ sơ...) của phong trào",
        description="Các nhiệm vụ theo tiến độ của kế hoạch phát động phong trào: /api/tasks/?campaign=<id>.",
        responses=CampaignDetailSerializer),
)
class CampaignViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CampaignSerializer
    queryset = Campaign.objects.none()

    def get_serializer_class(self):
        return CampaignDetailSerializer if self.action == "retrieve" else CampaignSerializer

    def get_queryset(self):
        actor = _plans_reader(self.request)
        campaigns = (
            Campaign.objects.filter(plan__commune=actor.commune)
            .select_related("plan__document__series", "organiser")
            .prefetch_related(Prefetch("targets", queryset=CampaignTarget.objects.order_by("position", "pk")))
            .order_by("-plan__year", "plan_id", "position", "pk")
        )
        if self.action == "retrieve":
            return campaigns.prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by(
                "year", "opens_on", "pk")))
        plan = int_param(self.request, "plan")
        year = year_param(self.request)
        kind = choice_param(self.request, "kind", CampaignKind.values)
        if plan is not None:
            campaigns = campaigns.filter(plan_id=plan)
        if year is not None:
            campaigns = campaigns.filter(plan__year=year)
        if kind:
            campaigns = campaigns.filter(kind=kind)
        return campaigns


# The timeline: the appendix's tasks ------------------------------------------------------------------------------


class AssignmentSerializer(serializers.ModelSerializer):
    role_display = serializers.CharField(source="get_role_display", read_only=True)
    unit = UnitRefSerializer(read_only=True, allow_null=True)
    person = PersonRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = TaskAssignment
        fields = ["role", "role_display", "unit", "person"]


class TaskSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="plan.year", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    overdue = serializers.SerializerMethodField()
    time_label = serializers.CharField(read_only=True)
    responsible = AssignmentSerializer(source="assignments", many=True, read_only=True)

    class Meta:
        model = TimelineTask
        fields = ["id", "plan", "year", "position", "content", "directs", "does", "supports", "starts_on", "due_on",
                  "time_label", "status", "status_display", "overdue", "done_on", "responsible"]

    def get_overdue(self, task) -> bool:
        """Not done and past its due date (what the timeline shows as "Quá hạn"; never stored)."""
        return task.is_overdue(self.context["today"])


@extend_schema_view(
    list=extend_schema(
        summary="Tiến độ: các nhiệm vụ của phụ lục kế hoạch",
        description="Các nhiệm vụ (dòng của phụ lục \"Tiến độ thực hiện\") của các kế hoạch của xã, với hạn, trạng "
                    "thái và đơn vị, người chịu trách nhiệm: năm mới nhất trước, trong một kế hoạch theo thứ tự của "
                    "phụ lục. Trạng thái \"overdue\" (quá hạn) là nhiệm vụ chưa xong đã qua hạn.",
        parameters=[
            id_parameter("plan", "Chỉ các nhiệm vụ của kế hoạch này."),
            id_parameter("campaign", "Chỉ các nhiệm vụ của kế hoạch phát động phong trào này."),
            year_parameter("Chỉ các nhiệm vụ của kế hoạch năm này."),
            choice_parameter("status", [*TaskStatus.values, OVERDUE], "Trạng thái (overdue: quá hạn)."),
            id_parameter("unit", "Chỉ các nhiệm vụ có đơn vị này chịu trách nhiệm (chỉ đạo, thực hiện hoặc phối hợp)."),
            date_parameter("due_from", "Hạn từ ngày này (yyyy-mm-dd)."),
            date_parameter("due_until", "Hạn đến ngày này (yyyy-mm-dd)."),
        ]),
    retrieve=extend_schema(summary="Một nhiệm vụ của phụ lục"),
)
class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TaskSerializer
    queryset = TimelineTask.objects.none()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    def get_queryset(self):
        commune_actor(self.request)
        actor = require_timeline_viewer(self.request.user)
        tasks = (
            TimelineTask.objects.filter(plan__commune=actor.commune)
            .select_related("plan")
            .prefetch_related(Prefetch("assignments", queryset=TaskAssignment.objects.select_related(
                "unit", "person").order_by("pk")))
            .order_by("-plan__year", "plan_id", "position", "pk")
        )
        if self.action == "retrieve":
            return tasks
        request = self.request
        plan, campaign, unit = int_param(request, "plan"), int_param(request, "campaign"), int_param(request, "unit")
        year = year_param(request)
        status = choice_param(request, "status", [*TaskStatus.values, OVERDUE])
        due_from, due_until = date_param(request, "due_from"), date_param(request, "due_until")
        if plan is not None:
            tasks = tasks.filter(plan_id=plan)
        if campaign is not None:
            tasks = tasks.filter(plan__in=Campaign.objects.filter(pk=campaign).values("plan_id"))
        if unit is not None:
            tasks = tasks.filter(pk__in=TaskAssignment.objects.filter(unit_id=unit).values("task_id"))
        if year is not None:
            tasks = tasks.filter(plan__year=year)
        if status == OVERDUE:
            tasks = tasks.overdue(timezone.localdate())
        elif status:
            tasks = tasks.filter(status=status)
        if due_from is not None:
            tasks = tasks.filter(due_on__gte=due_from)
        if due_until is not None:
            tasks = tasks.filter(due_on__lte=due_until)
        return tasks
