<?php
// Test stand-in for Magento's static.php (deploys a missing static file on demand).
header('Content-Type: text/plain');
echo 'magento-static resource=' . ($_GET['resource'] ?? '');
