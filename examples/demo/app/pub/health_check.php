<?php
// Magento's health check answers 200 when the database and caches answer; the demo shop has neither.
require __DIR__ . '/../vendor/autoload.php';
header('Content-Type: text/plain');
echo "OK " . \Demo\Release::VERSION . "\n";
