from __future__ import annotations

from tourney.services.accounts import create_user


def test_wrong_password_is_refused_with_a_translated_message(client) -> None:
    create_user("director", "secret-pass", "tab_director")
    response = client.post(
        "/login",
        data={"username": "director", "password": "nope"},
        headers={"Accept-Language": "ru"},
    )
    assert response.status_code == 401
    assert "Неверное имя пользователя или пароль." in response.get_data(as_text=True)
    response = client.post("/login?lang=tg", data={"username": "director", "password": "nope"})
    assert "Номи корбар ё рамз нодуруст аст." in response.get_data(as_text=True)


def test_organiser_pages_refuse_anonymous_users(client) -> None:
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_login_then_dashboard(client) -> None:
    create_user("director", "secret-pass", "tab_director")
    response = client.post("/login", data={"username": "director", "password": "secret-pass"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_login_does_not_redirect_off_site(client) -> None:
    create_user("director", "secret-pass", "tab_director")
    response = client.post(
        "/login?next=//evil.example/x",
        data={"username": "director", "password": "secret-pass"},
    )
    assert response.headers["Location"].endswith("/admin/")


def test_language_cookie_switches_the_interface(client) -> None:
    client.get("/language/ru", headers={"Referer": "http://localhost/"})
    assert "Турниры по дебатам" in client.get("/").get_data(as_text=True)
    client.get("/language/tg")
    assert "Мусобиқаҳои мубоҳиса" in client.get("/").get_data(as_text=True)
