"""The page cache (caching/pages.py): a change made through a service is visible on the next request, a page never
reaches another session, waiting messages are shown, a form of a kept page posts, and only a plain 200 GET is kept."""

import datetime
import re
import threading
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from awards import decisions, meetings, nominations
from awards.meeting_views import vote
from caching import pages
from directory.enums import Role
from notifications import services as notifications
from registrations import services as registrations
from registrations.enums import RegistrationStatus
from scoring import services as scoring
from timeline import services as timeline
from timeline.enums import TaskRole, TaskStatus
from timeline.models import TaskAssignment

from .. import factories as f
from ..disclosure.conftest import decide, nominate, post
from ..registrations.conftest import register
from ..scoring.conftest import SELF, values

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
# An edit form's snapshot (xuanson_tdkt/locking.py) is signed with the second it was rendered at, never checked.
SNAPSHOT = re.compile(r'(name="[\w-]*lock_opened" value=")[^"]*"')
HOME = "/"


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def get(client, url, *, kept: bool, status: int = 200, method: str = "get"):
    """Request `url`; `kept` says whether the answer must come from the page cache."""
    response = getattr(client, method)(url)
    assert response.status_code == status, (url, response.status_code)
    assert getattr(response, "page_cache_hit", False) is kept, (url, "kept" if kept else "rendered")
    return response


def text(response) -> str:
    """The page without its CSRF tokens (masked afresh on every response) and the time its forms were signed."""
    return SNAPSHOT.sub(r'\1<signed>"', TOKEN.sub("<token>", response.content.decode()))


def watch(client, urls) -> dict:
    """Render each page, then check the next request is served from the cache, identical."""
    before = {url: text(get(client, url, kept=False)) for url in urls}
    for url in urls:
        assert text(get(client, url, kept=True)) == before[url]
    return before


def assert_changed(client, before: dict, settings) -> dict:
    """Each page is rendered afresh, differs from before, and is what rendering now gives; then kept again."""
    after = {url: text(get(client, url, kept=False)) for url in before}
    settings.PAGE_CACHE_ENABLED = False
    fresh = {url: text(get(client, url, kept=False)) for url in before}
    settings.PAGE_CACHE_ENABLED = True
    for url in before:
        assert after[url] != before[url], f"{url} did not change"
        assert after[url] == fresh[url], url
        assert text(get(client, url, kept=True)) == after[url]
    return after


# --- a change made through a service shows at once, on every page that shows it ----------------------------------


def test_a_submitted_registration_shows_on_the_dashboard_overview_and_list(
        settings, office_clerk, hamlet_leader, titles, open_phase, thon_a, lan):
    registration = register(unit=thon_a, title=titles["ldtt"], phase=open_phase, person=lan)
    office, leader = login(office_clerk), login(hamlet_leader)
    office_pages = watch(office, [HOME, reverse("registrations:overview") + "?year=2022"])
    leader_pages = watch(leader, [HOME, reverse("registrations:registration_list") + "?year=2022"])
    registrations.submit_registration(registration=registration, by=hamlet_leader)
    assert_changed(office, office_pages, settings)
    assert_changed(leader, leader_pages, settings)


def test_task_progress_shows_on_the_timeline_and_my_tasks(settings, office_clerk, office_unit, plan):
    task = plan.tasks.get()
    TaskAssignment.objects.create(task=task, role=TaskRole.DOES, unit=office_unit)
    client = login(office_clerk)
    before = watch(client, [reverse("timeline:timeline") + "?year=2022", reverse("timeline:my_tasks")])
    timeline.update_task_status(task=task, by=office_clerk, status=TaskStatus.DONE, note="Đã xong")
    assert_changed(client, before, settings)


def test_a_direct_nomination_shows_on_the_list(settings, office_clerk, titles, lan):
    client = login(office_clerk)
    before = watch(client, [reverse("awards:nomination_list") + "?year=2022"])
    nominations.create_nomination(commune=lan.commune, year=2022, title=titles["ldtt"], person=lan,
                                  achievement="Hoàn thành xuất sắc nhiệm vụ", by=office_clerk)
    after = assert_changed(client, before, settings)
    assert lan.full_name in next(iter(after.values()))


def test_attendance_and_a_new_meeting_show_on_the_meeting_pages(settings, office_clerk, chairman, council_member):
    commune = chairman.person.commune
    meeting = meetings.create_meeting(commune=commune, year=2022, held_on=datetime.date(2022, 11, 20),
                                      place="Hội trường UBND xã", chair=chairman.person, by=office_clerk)
    client = login(office_clerk)
    detail = watch(client, [reverse("awards:meeting_detail", args=[meeting.pk])])
    listing = watch(client, [reverse("awards:meeting_list") + "?year=2022"])
    meetings.set_attendance(meeting=meeting, person=council_member.person, present=False,
                            written_opinion="Nhất trí với danh sách", by=office_clerk)
    assert_changed(client, detail, settings)
    meetings.create_meeting(commune=commune, year=2022, held_on=datetime.date(2022, 12, 1), place="Nhà văn hóa",
                            chair=chairman.person, by=office_clerk)
    assert_changed(client, listing, settings)


def test_self_scores_show_on_the_score_sheet(settings, office_clerk, sheet, tree):
    client = login(office_clerk)
    before = watch(client, [reverse("scoring:sheet_detail", args=[sheet.pk])])
    scoring.save_self_scores(sheet=sheet, values=values(tree, SELF), by=office_clerk)
    assert_changed(client, before, settings)


def test_a_revoked_award_leaves_the_honour_board_for_everyone(settings, office_clerk, titles, lan, minh):
    _decision, awards = decide([nominate(titles["ldtt"], person=lan), nominate(titles["ldtt"], person=minh)])
    url = reverse("disclosure:honour_board", args=["xuan-son", 2022])
    resident, neighbour, office = Client(), Client(), login(office_clerk)
    before = watch(resident, [url])
    # Anonymous visitors share one page (it shows nothing of the visitor); a logged-in one has their own.
    assert text(get(neighbour, url, kept=True)) == before[url]
    watch(office, [url])
    decisions.revoke_award(award=awards[0], reason="Khai man thành tích", revoked_on=datetime.date(2023, 1, 5),
                           by=office_clerk)
    after = assert_changed(resident, before, settings)
    assert lan.full_name not in after[url] and minh.full_name in after[url]
    assert lan.full_name not in get(office, url, kept=False).content.decode()


def test_a_posted_list_shows_on_the_public_page(settings, office_clerk, titles, lan):
    url = reverse("disclosure:public_index", args=["xuan-son"])
    resident = Client()
    before = watch(resident, [url])
    post([nominate(titles["ldtt"], person=lan)], by=office_clerk)
    after = assert_changed(resident, before, settings)
    assert lan.full_name in after[url]


def test_the_province_view_follows_a_commune_s_registrations(
        settings, province_operator, office_clerk, titles, open_phase, thon_a, lan):
    registration = register(unit=thon_a, title=titles["ldtt"], phase=open_phase, person=lan,
                            status=RegistrationStatus.SUBMITTED)
    operator = login(province_operator)
    before = watch(operator, [reverse("provinces:province_year") + "?year=2022",
                              reverse("provinces:dossier_inbox") + "?year=2022"])
    registrations.accept_registration(registration=registration, by=office_clerk)
    year_view = reverse("provinces:province_year") + "?year=2022"
    assert_changed(operator, {year_view: before[year_view]}, settings)


# Every kept page, and who opens it: a notification shows on the bell of each at once (base.html's context).
EVERY_PAGE = [
    ("home", [], "office_clerk"),
    ("registrations:overview", [], "office_clerk"),
    ("registrations:registration_list", [], "hamlet_leader"),
    ("timeline:timeline", [], "office_clerk"),
    ("timeline:my_tasks", [], "office_clerk"),
    ("awards:nomination_list", [], "office_clerk"),
    ("awards:meeting_list", [], "council_member"),
    ("awards:meeting_detail", ["meeting"], "council_member"),
    ("awards:decision_list", [], "chairman"),
    ("awards:award_list", [], "chairman"),
    ("scoring:sheet_detail", ["sheet"], "office_clerk"),
    ("campaigns:plan_list", [], "office_clerk"),
    ("campaigns:plan_detail", ["plan"], "hamlet_leader"),
    ("provinces:province_year", [], "province_operator"),
    ("provinces:dossier_inbox", [], "province_operator"),
    ("disclosure:public_index", ["slug"], "office_clerk"),
    ("disclosure:honour_board", ["slug", 2022], "office_clerk"),
]


@pytest.fixture
def meeting(office_clerk, chairman, council_member):
    return meetings.create_meeting(commune=chairman.person.commune, year=2022, held_on=datetime.date(2022, 11, 20),
                                   place="Hội trường UBND xã", chair=chairman.person, by=office_clerk)


@pytest.mark.parametrize(("name", "args", "persona"), EVERY_PAGE, ids=[page[0] for page in EVERY_PAGE])
def test_a_notification_shows_on_every_kept_page_at_once(request, name, args, persona, plan, personas,
                                                         province_operator):
    user = request.getfixturevalue(persona)
    objects = {"meeting": lambda: request.getfixturevalue("meeting").pk, "sheet":
               lambda: request.getfixturevalue("sheet").pk, "plan": lambda: plan.pk, "slug": lambda: "xuan-son"}
    url = reverse(name, args=[objects[arg]() if arg in objects else arg for arg in args])
    client = login(user)
    watch(client, [url])
    assert 'id="unread-count"' not in get(client, url, kept=True).content.decode()
    notifications.post([notifications.Message(user_id=user.pk, email="", title="Có việc mới", text="", html="",
                                              url="/")])
    page = get(client, url, kept=False).content.decode()
    if not name.startswith("disclosure:"):  # the public pages have no bell
        assert 'id="unread-count"' in page


def test_every_kept_view_is_tested_above():
    def kept(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                yield from kept(pattern, prefix + (f"{pattern.namespace}:" if pattern.namespace else ""))
            elif isinstance(pattern, URLPattern) and getattr(pattern.callback, "page_cache", False):
                yield prefix + pattern.name

    assert sorted(kept(get_resolver())) == sorted(name for name, _args, _persona in EVERY_PAGE)


def test_the_secret_ballot_page_is_never_kept(council_member):
    assert not getattr(vote, "page_cache", False)
    client = login(council_member)
    get(client, reverse("awards:vote"), kept=False)
    get(client, reverse("awards:vote"), kept=False)


@pytest.mark.django_db(transaction=True)
def test_a_change_committed_by_another_process_shows_at_once(office_clerk, titles, lan):
    # Another thread has no unread writes of this one: only the commit moves the generation it reads.
    client = login(office_clerk)
    url = reverse("awards:nomination_list") + "?year=2022"
    watch(client, [url])
    worker = threading.Thread(target=lambda: nominations.create_nomination(
        commune=lan.commune, year=2022, title=titles["ldtt"], person=lan, achievement="Xuất sắc", by=office_clerk))
    worker.start()
    worker.join()
    assert lan.full_name in get(client, url, kept=False).content.decode()


# --- whose page ---------------------------------------------------------------------------------------------------


def test_a_page_is_kept_for_its_session_only(office_clerk, chairman):
    first, second, other = login(office_clerk), login(office_clerk), login(chairman)
    page = text(get(first, HOME, kept=False))
    get(first, HOME, kept=True)
    # The same user in another browser, and another user, each get a page of their own.
    assert text(get(second, HOME, kept=False)) == page
    assert text(get(other, HOME, kept=False)) != page
    # Logging out and in as someone else in the same browser starts a new session.
    first.post(reverse("logout"))
    first.force_login(chairman)
    assert text(get(first, HOME, kept=False)) != page


def test_a_page_of_a_logged_in_user_is_never_served_anonymously(office_clerk):
    clerk = login(office_clerk)
    get(clerk, HOME, kept=False)
    get(clerk, HOME, kept=True)
    assert Client().get(HOME).status_code == 302  # to the login page


def test_waiting_messages_are_shown_then_the_kept_page_again(council_member):
    client = login(council_member)
    kept = text(get(client, HOME, kept=False))
    get(client, HOME, kept=True)
    # Voting with no choice made stores a warning for the next page and writes nothing.
    assert client.post(reverse("awards:vote")).status_code == 302
    warned = get(client, HOME, kept=False).content.decode()
    assert 'class="alert alert-warning"' in warned
    assert text(get(client, HOME, kept=True)) == kept


def test_a_form_of_a_kept_page_posts(office_clerk):
    client = Client(enforce_csrf_checks=True)
    client.force_login(office_clerk)
    url = reverse("awards:nomination_list") + "?year=2022"
    rendered = get(client, url, kept=False)
    kept = get(client, url, kept=True)
    secret = client.cookies[django_settings.CSRF_COOKIE_NAME].value
    tokens = [re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
              for page in (rendered, kept)]
    assert tokens[0] and len(tokens[0]) == len(tokens[1])
    assert not set(tokens[0]) & set(tokens[1])  # masked afresh, as Django renders them
    assert {_unmask_cipher_token(token) for token in tokens[0] + tokens[1]} == {secret}
    action = reverse("awards:nomination_from_registrations") + "?year=2022"
    # A browser that lost its CSRF cookie gets a new one with the kept page, and the page's tokens match it.
    del client.cookies[django_settings.CSRF_COOKIE_NAME]
    again = get(client, url, kept=True)
    new_secret = again.cookies[django_settings.CSRF_COOKIE_NAME].value
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', again.content.decode()).group(1)
    assert new_secret != secret and _unmask_cipher_token(token) == new_secret
    assert client.post(action, {"csrfmiddlewaretoken": token}).status_code == 302


def test_a_kept_page_keeps_its_headers(office_clerk):
    client = login(office_clerk)
    rendered, kept = get(client, HOME, kept=False), get(client, HOME, kept=True)
    for header in ("Content-Type", "Content-Security-Policy", "X-Frame-Options", "Vary"):
        assert kept[header] == rendered[header], header


# --- what is never kept -------------------------------------------------------------------------------------------


def test_head_and_post_are_not_kept_nor_served(office_clerk):
    client = login(office_clerk)
    get(client, HOME, kept=False, method="head")
    get(client, HOME, kept=False)  # HEAD stored nothing
    get(client, HOME, kept=True, method="head")  # a kept page answers HEAD too
    get(client, HOME, kept=False, method="post")  # a POST always reaches the view


def test_error_and_redirect_answers_are_not_kept(office_clerk, province_operator):
    client = login(office_clerk)
    missing = reverse("awards:meeting_detail", args=[999999])
    get(client, missing, kept=False, status=404)
    get(client, missing, kept=False, status=404)
    operator = login(province_operator)
    get(operator, HOME, kept=False, status=302)
    get(operator, HOME, kept=False, status=302)


@pytest.fixture
def own_views(settings):
    from . import urls

    settings.ROOT_URLCONF = "tests.caching.urls"
    urls.RENDERS.clear()
    return urls.RENDERS


@pytest.mark.parametrize("path", ["/sets-cookie/", "/touches-session/", "/adds-message/", "/streams/", "/no-store/",
                                  "/writes/"])
def test_responses_that_would_lose_something_are_not_kept(own_views, office_clerk, path):
    client = login(office_clerk)
    for _ in range(2):
        response = client.get(path)
        assert response.status_code == 200 and not getattr(response, "page_cache_hit", False)
    assert len(own_views) == 2


def test_a_kept_page_is_the_same_response(own_views, office_clerk):
    client = login(office_clerk)
    first, second = client.get("/plain/"), client.get("/plain/")
    assert second.page_cache_hit and second.content == first.content == b"plain 1"
    assert second["X-Own-Header"] == "kept" and len(own_views) == 1


def test_anonymous_visitors_share_only_pages_that_say_so(own_views):
    for _ in range(2):
        assert Client().get("/anonymous/").content.startswith(b"anonymous")
    assert Client().get("/public/").content == Client().get("/public/").content == b"public 3"
    assert own_views == ["anonymous", "anonymous", "public"]


def test_the_cache_can_be_turned_off(own_views, settings, office_clerk):
    settings.PAGE_CACHE_ENABLED = False
    client = login(office_clerk)
    assert client.get("/plain/").content == b"plain 1"
    assert client.get("/plain/").content == b"plain 2"


def test_a_new_day_renders_afresh(own_views, monkeypatch, office_clerk):
    client = login(office_clerk)
    client.get("/plain/")
    assert client.get("/plain/").page_cache_hit
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(pages, "timezone", SimpleNamespace(localdate=lambda: tomorrow))
    assert client.get("/plain/").content == b"plain 2"


def test_a_deployment_s_migrate_moves_the_generation():
    from django.apps import apps
    from django.db.models.signals import post_migrate

    from caching import generation

    before = generation.current()
    post_migrate.send(sender=apps.get_app_config("caching"), app_config=apps.get_app_config("caching"),
                      verbosity=0, interactive=False, using="default", apps=apps, plan=[])
    assert generation.current() > before


def test_an_unreachable_cache_costs_the_speed_not_the_page(own_views, monkeypatch, office_clerk):
    client = login(office_clerk)

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(pages.cache, "set", down)
    assert client.get("/plain/").content == b"plain 1"  # rendered, not kept
    monkeypatch.setattr(pages.generation, "current_with", down)
    assert client.get("/plain/").content == b"plain 2"


# --- values shared by everyone in the same place -------------------------------------------------------------------


def test_a_shared_value_is_built_once_per_parts_and_generation(settings, commune):
    built = []

    def build(name):
        built.append(name)
        return name

    assert pages.shared_value(("x", 1), lambda: build("a")) == "a"
    assert pages.shared_value(("x", 1), lambda: build("b")) == "a"
    assert pages.shared_value(("x", 2), lambda: build("c")) == "c"
    f.UnitFactory(commune=commune)  # any write
    assert pages.shared_value(("x", 1), lambda: build("d")) == "d"
    settings.PAGE_CACHE_ENABLED = False
    assert pages.shared_value(("x", 1), lambda: build("e")) == "e"
    assert built == ["a", "c", "d", "e"]


def test_the_province_s_year_is_computed_once_for_all_its_operators(monkeypatch, province_operator,
                                                                    other_province_operator):
    from provinces import views

    computed = []
    real = views.province_year
    monkeypatch.setattr(views, "province_year", lambda province, year: computed.append(province.pk) or
                        real(province, year))
    colleague = f.UserFactory(username="bantdkt-2")
    f.OperatorFactory(user=colleague, province=province_operator.province_operator.province, full_name="Lê Thị Hà")
    url = reverse("provinces:province_year") + "?year=2022"
    # Logged in first: a login writes the user's last login, which moves the data generation.
    first, second, other = login(province_operator), login(colleague), login(other_province_operator)
    first, second = get(first, url, kept=False), get(second, url, kept=False)
    assert len(computed) == 1
    assert text(first).split("<main")[1] == text(second).split("<main")[1]  # the same page below the menu
    get(other, url, kept=False)  # another province: its own
    assert len(computed) == 2


def test_the_dashboard_is_shared_by_those_in_the_same_place_only(monkeypatch, office_clerk, chairman,
                                                                hamlet_leader, other_hamlet_leader, plan):
    import xuanson_tdkt.views as views

    built = []
    real = views.build_dashboard
    monkeypatch.setattr(views, "build_dashboard", lambda **kwargs: built.append(kwargs["actor"].user) or
                        real(**kwargs))
    colleague = f.UserFactory(username="vanphong2")
    person = f.PersonFactory(commune=plan.commune, full_name="Trịnh Văn Hai", user=colleague)
    f.RoleFactory(person=person, role=Role.OFFICE_STAFF)
    clients = [login(user) for user in (office_clerk, colleague, chairman, hamlet_leader, other_hamlet_leader)]
    for client in clients:
        get(client, HOME, kept=False)
    # The two clerks share one; the chairman and each hamlet's leader have their own.
    assert [user.username for user in built] == ["vanphong", "chutich", "thona", "thonb"]
