<?php
require __DIR__ . '/../vendor/autoload.php';
header('Content-Type: text/html; charset=utf-8');
echo '<!doctype html><title>Demo shop</title><link rel="stylesheet" href="/static/frontend/shop.css">';
echo '<h1>Demo shop ' . htmlspecialchars(\Demo\Release::VERSION) . '</h1>';
