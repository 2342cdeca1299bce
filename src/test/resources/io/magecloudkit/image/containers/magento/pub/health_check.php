<?php
// Test stand-in for Magento's pub/health_check.php: proves a request went through PHP-FPM with
// our php.ini/opcache.ini and could read the env.php the entrypoint wrote.
header('Content-Type: application/json');
header('X-Health-Check: php-fpm');
// nginx hides PHP's X-Frame-Options: its own SAMEORIGIN must be the only one.
header('X-Frame-Options: DENY');
$env = include __DIR__ . '/../app/etc/env.php';
echo json_encode([
    'status' => 'ok',
    'sapi' => PHP_SAPI,
    'https' => $_SERVER['HTTPS'] ?? '',
    'remote_addr' => $_SERVER['REMOTE_ADDR'] ?? '',
    'memory_limit' => ini_get('memory_limit'),
    'validate_timestamps' => ini_get('opcache.validate_timestamps'),
    'db_host' => $env['db']['connection']['default']['host'],
    'magento_mode' => $env['MAGE_MODE'],
    // What a request could read of the container's environment (clear_env).
    'environment' => getenv(),
    'env_superglobal' => $_ENV,
    'server_keys' => array_keys($_SERVER),
]);
