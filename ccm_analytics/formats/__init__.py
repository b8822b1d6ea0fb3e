"""Screen and file text: dates, money, links, downloads, maps positions."""
