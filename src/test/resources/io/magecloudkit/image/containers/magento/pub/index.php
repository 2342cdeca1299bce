<?php
// Test stand-in for Magento's front controller. ?mck_sleep_ms=N holds the worker N ms (load tests).
if (isset($_GET['mck_sleep_ms'])) {
    usleep(1000 * (int) $_GET['mck_sleep_ms']);
}
header('Content-Type: text/plain');
echo 'magento-index ' . $_SERVER['REQUEST_URI'];
