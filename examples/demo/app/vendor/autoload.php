<?php
// Stands in for Composer's autoloader: the demo shop has no dependencies.
spl_autoload_register(static function (string $class): void {
    $file = __DIR__ . '/../app/code/' . str_replace('\\', '/', $class) . '.php';
    if (is_file($file)) {
        require $file;
    }
});
