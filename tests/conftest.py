"""Persona fixtures (in the healthchecks style) and a small plan, shared by every test module."""

import os

import pytest

from directory.enums import Role, UnitKind

from . import factories as f

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _no_persistent_connections(django_db_setup, django_db_blocker):
    """Live-server request threads would otherwise keep PostgreSQL connections open past the test database's end."""
    from django.db import connections

    for conn in connections.all():
        conn.settings_dict["CONN_MAX_AGE"] = 0


@pytest.fixture(scope="session", autouse=True)
def _flush_by_delete_on_postgresql():
    """Empty the tables after a transactional test (transaction=True, live_server) with DELETE instead of Django's
    TRUNCATE: the same empty tables, but TRUNCATE gives each of the ~150 tables new files that the commit then syncs
    (several seconds a test on PostgreSQL), while DELETE of a few rows costs milliseconds. Django's foreign keys are
    DEFERRABLE INITIALLY DEFERRED, so the order of the DELETEs does not matter within the flush's transaction."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:  # what only TRUNCATE does: RESTART IDENTITY, CASCADE
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return ["SET CONSTRAINTS ALL DEFERRED"] + [f"DELETE FROM {self.quote_name(table)}" for table in tables]

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = truncate


@pytest.fixture
def no_page_cache(settings):
    """Every page rendered afresh (caching/pages.py keeps the main pages per session): what a count of queries
    measures. The suite otherwise runs with the page cache on, as production does."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def django_assert_num_queries(django_assert_num_queries, no_page_cache):
    # pytest-django's fixture, with the page cache off: a second identical GET would otherwise run no query at all.
    return django_assert_num_queries


@pytest.fixture
def django_assert_max_num_queries(django_assert_max_num_queries, no_page_cache):
    return django_assert_max_num_queries


@pytest.fixture
def commune(db):
    return f.CommuneFactory(name="Xuân Sơn", slug="xuan-son")


@pytest.fixture
def other_commune(db):
    return f.CommuneFactory(name="Cổ Đông", slug="co-dong")


@pytest.fixture
def thon_a(commune):
    return f.UnitFactory(commune=commune, name="Thôn A", kind=UnitKind.HAMLET, position=1)


@pytest.fixture
def thon_b(commune):
    return f.UnitFactory(commune=commune, name="Thôn B", kind=UnitKind.HAMLET, position=2)


@pytest.fixture
def office_unit(commune):
    return f.UnitFactory(commune=commune, name="Văn phòng - Thống kê", kind=UnitKind.SECTION, position=10)


def _persona(username, *, commune, unit=None, roles=(), full_name):
    user = f.UserFactory(username=username)
    person = f.PersonFactory(commune=commune, unit=unit, full_name=full_name, user=user)
    for role in roles:
        f.RoleFactory(person=person, role=role)
    return user


@pytest.fixture
def office_clerk(commune, office_unit):
    return _persona("vanphong", commune=commune, unit=office_unit, roles=[Role.OFFICE_STAFF],
                    full_name="Nguyễn Thị Hương")


@pytest.fixture
def council_member(commune, office_unit):
    return _persona("hoidong", commune=commune, unit=office_unit, roles=[Role.COUNCIL_MEMBER],
                    full_name="Lê Văn Bình")


@pytest.fixture
def chairman(commune, office_unit):
    return _persona("chutich", commune=commune, unit=office_unit, roles=[Role.CHAIRMAN],
                    full_name="Hoàng Văn Vân")


@pytest.fixture
def hamlet_leader(commune, thon_a):
    user = _persona("thona", commune=commune, unit=thon_a, full_name="Trần Văn An")
    thon_a.leader = user.person
    thon_a.save()
    return user


@pytest.fixture
def other_hamlet_leader(commune, thon_b):
    user = _persona("thonb", commune=commune, unit=thon_b, full_name="Phạm Thị Bích")
    thon_b.leader = user.person
    thon_b.save()
    return user


@pytest.fixture
def outsider(db):
    return f.UserFactory(username="nguoingoai")


@pytest.fixture
def province_operator(commune):
    """The emulation office of the commune's province (Ban TĐKT): not a member of any commune."""
    user = f.UserFactory(username="bantdkt")
    f.OperatorFactory(user=user, province=commune.province, full_name="Đinh Thị Thu")
    return user


@pytest.fixture
def other_province_operator(db):
    """The operator of another province, with a commune of its own."""
    province = f.ProvinceFactory(name="Nghệ An", kind_label="tỉnh")
    f.CommuneFactory(name="Nghi Lộc", slug="nghi-loc", province=province, parent_authority="")
    user = f.UserFactory(username="bantdkt-nghean")
    f.OperatorFactory(user=user, province=province, full_name="Hồ Văn Nam")
    return user


@pytest.fixture
def second_commune_clerk(other_commune):
    """The office clerk of another commune of the same province."""
    unit = f.UnitFactory(commune=other_commune, name="Văn phòng - Thống kê", kind=UnitKind.SECTION, position=10)
    return _persona("vanphong-codong", commune=other_commune, unit=unit, roles=[Role.OFFICE_STAFF],
                    full_name="Bùi Thị Lan")


@pytest.fixture
def personas(office_clerk, council_member, chairman, hamlet_leader, other_hamlet_leader, outsider):
    return {
        "office_clerk": office_clerk,
        "council_member": council_member,
        "chairman": chairman,
        "hamlet_leader": hamlet_leader,
        "other_hamlet_leader": other_hamlet_leader,
        "outsider": outsider,
    }


@pytest.fixture
def plan(commune):
    plan = f.PlanFactory(commune=commune, document__number=1)
    section = f.SectionFactory(plan=plan, position=1)
    f.ParagraphFactory(section=section, position=1)
    f.ParagraphFactory(section=section, position=2, kind="campaigns", text="")
    campaign = f.CampaignFactory(plan=plan, position=1, name="Cả nước chung tay vì người nghèo")
    f.TargetFactory(campaign=campaign, position=1)
    f.TaskFactory(plan=plan, position=1)
    return plan


@pytest.fixture
def foreign_plan(other_commune):
    """A plan of another commune: every persona of Xuân Sơn must get 404 for it."""
    plan = f.PlanFactory(commune=other_commune, document__number=1)
    section = f.SectionFactory(plan=plan)
    f.ParagraphFactory(section=section)
    f.CampaignFactory(plan=plan)
    f.TaskFactory(plan=plan)
    return plan


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def _session_rendered_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("rendered")


@pytest.fixture(autouse=True)
def _rendered_dir(settings, _session_rendered_dir):
    """Rendered PDFs (documents.store) in a folder of this run, shared by its tests: the same HTML is rendered once."""
    settings.RENDERED_DIR = _session_rendered_dir


@pytest.fixture
def rendered(settings, tmp_path):
    """A store of rendered documents of this test's own: nothing rendered by another test counts."""
    settings.RENDERED_DIR = tmp_path / "rendered"
    return settings.RENDERED_DIR


@pytest.fixture
def weasyprint_runs(monkeypatch):
    """A list that grows by one each time WeasyPrint writes a PDF (the real renderer runs; the spy only counts)."""
    import weasyprint

    runs = []
    write_pdf = weasyprint.HTML.write_pdf

    def counted(self, *args, **kwargs):
        runs.append(1)
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", counted)
    return runs


@pytest.fixture(autouse=True)
def _new_generation():
    """Each test starts under a generation of its own: what an earlier test kept (pages, document memos) was built from
    rows its rollback removed, and the same primary keys come back on SQLite."""
    from caching import generation

    generation.bump()
