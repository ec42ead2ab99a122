"""The demo serves in a real browser: the home page, then an organiser logs in."""

from tests.e2e.conftest import login


def test_home_and_login(live_server, browser, output_dir) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="tg-TJ")
    page.goto(live_server.url + "/")
    assert "Мусобиқаи интихобии шаҳри Душанбе" in page.content()
    login(page, live_server.url)
    page.wait_for_url("**/admin/")
    assert page.locator("h1").inner_text() == "Ҳуҷраи ҳисоб"
    page.screenshot(path=str(output_dir / "dashboard.png"), full_page=True)
    page.close()
