<?php
// Test stand-in for Magento's pub/cron.php: never reachable over HTTP.
echo 'secret-cron-ran';
