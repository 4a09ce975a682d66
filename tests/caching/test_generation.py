"""The data generation moves after every write to the portal's data, and only then."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction

from caching import generation
from directory.models import Unit

from .. import factories as f


@pytest.mark.django_db
def test_a_write_moves_the_generation_before_this_thread_reads_it_again(commune):
    before = generation.current()
    assert generation.current() == before  # reading does not move it
    Unit.objects.filter(commune=commune).update(name="Thôn mới")
    after = generation.current()
    assert after > before
    assert generation.current() == after


@pytest.mark.django_db
def test_bulk_and_raw_writes_count(commune):
    before = generation.current()
    f.UnitFactory.create_batch(2, commune=commune)
    middle = generation.current()
    assert middle > before
    with connection.cursor() as cursor:
        cursor.execute("UPDATE directory_unit SET position = position + 1")
    assert generation.current() > middle


@pytest.mark.django_db
def test_sessions_do_not_move_it():
    before = generation.current()
    session = SessionStore()
    session["x"] = 1
    session.save()
    assert generation.current() == before


@pytest.mark.django_db(transaction=True)
def test_a_committed_transaction_moves_it_for_other_processes(commune):
    # Another process has no "dirty" mark of ours: it sees the counter moved by the commit hook.
    before = generation.current()
    with transaction.atomic():
        Unit.objects.create(commune=commune, name="Thôn C")
        generation._local.dirty = False  # as if another thread read it
        assert int(generation.cache.get(generation.KEY)) == before
    assert int(generation.cache.get(generation.KEY)) > before


def test_which_statements_count():
    assert generation.is_data_write('INSERT INTO "directory_unit" ("name") VALUES (%s)')
    assert generation.is_data_write('UPDATE "awards_award" SET "x" = 1')
    assert generation.is_data_write('DELETE FROM "awards_award" WHERE 1')
    assert generation.is_data_write('TRUNCATE "awards_award", "awards_title"')
    assert not generation.is_data_write('SELECT * FROM "awards_award"')
    assert not generation.is_data_write('UPDATE "django_session" SET "expire_date" = 1')
    assert not generation.is_data_write('SAVEPOINT "s1"')
    # A login's own update; any other change of the user counts.
    assert not generation.is_data_write('UPDATE "auth_user" SET "last_login" = %s WHERE "auth_user"."id" = %s')
    assert generation.is_data_write('UPDATE "auth_user" SET "is_active" = %s WHERE "auth_user"."id" = %s')
    assert generation.is_data_write('UPDATE "auth_user" SET "last_login" = %s, "email" = %s WHERE "id" = %s')


@pytest.mark.django_db
def test_a_login_does_not_move_it(client, office_clerk):
    before = generation.current()
    client.force_login(office_clerk)
    assert generation.current() == before


@pytest.mark.django_db(transaction=True)
def test_a_cache_that_is_down_does_not_fail_a_committed_save(commune, monkeypatch):
    before = generation.current()

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(generation.cache, "incr", down)
    with transaction.atomic():
        Unit.objects.create(commune=commune, name="Thôn D")
    Unit.objects.filter(name="Thôn D").update(position=7)  # autocommit
    assert Unit.objects.get(name="Thôn D").position == 7
    monkeypatch.undo()
    generation._local.dirty = False  # another thread: only the unsent move is left
    assert generation.current() > before
