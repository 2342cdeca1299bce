<?php
// Test stand-in for Magento's errors/404.php (nginx's error_page for 403 and 404).
http_response_code(404);
header('Content-Type: text/plain');
echo 'magento-404';
