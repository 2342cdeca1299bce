<?php
// Test stand-in for Magento's get.php (serves media that is not on disk, e.g. from the database).
header('Content-Type: text/plain');
echo 'magento-get ' . $_SERVER['REQUEST_URI'];
