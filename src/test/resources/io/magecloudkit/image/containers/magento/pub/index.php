<?php
// Test stand-in for Magento's front controller.
header('Content-Type: text/plain');
echo 'magento-index ' . $_SERVER['REQUEST_URI'];
