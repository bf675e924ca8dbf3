"""Screenshots of the 250-vs-421 page in English and Indonesian for the
README, taken by headless Chromium (Selenium): the whole page at 900 CSS px
wide, scaled to 0.8 and reduced to 64 colours (Pillow) to stay small.

  SITE=build/site python tests/site/screenshots.py docs/images
"""

from __future__ import annotations

import base64
import io
import os
import pathlib
import sys

from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def main(target: pathlib.Path) -> int:
    site = pathlib.Path(os.environ.get("SITE", "build/site")).resolve()
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=900,1000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")),
                              options=options)
    target.mkdir(parents=True, exist_ok=True)
    try:
        for lang in ("en", "id"):
            driver.get((site / lang / "compare" / "250-421.html").as_uri())
            height = driver.execute_script("return document.documentElement.scrollHeight")
            shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": 900, "height": height, "scale": 0.8}})
            image = Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB")
            image = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
            path = target / f"compare-250-421-{lang}.png"
            image.save(path, optimize=True)
            print(f"{path}: {image.width}x{image.height}, {path.stat().st_size // 1024} KB")
            assert path.stat().st_size < 200 * 1024, path
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images")))
