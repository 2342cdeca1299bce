<?php
/**
 * MageCloudKit: writes Magento's app/etc/env.php from environment variables at container start
 * (12-factor: no configuration or secret is baked into the image).
 *
 * Usage: php write-env-php.php [target]
 *   target defaults to $MAGENTO_ENV_PHP, else $MAGENTO_ROOT/app/etc/env.php. When the target is a
 *   symlink (the image links app/etc/env.php to a writable directory), the link's target is
 *   written.
 *
 * Hosts of the data services default to their discovery names in the private zone
 * $MCK_DISCOVERY_DOMAIN (db., redis-cache., redis-session., search.) when not given explicitly.
 * Missing or invalid variables: one line on stderr naming them all, exit 1, nothing written.
 * Secret values are never printed.
 */

declare(strict_types=1);

/**
 * Integration keys (container secrets) and the Magento config paths (system/default/...) their
 * modules read: algolia/algoliasearch-magento-2 3.x (its ConfigHelper). Bugsnag and Nosto are
 * written by bugsnagConfig() and nostoConfig(); Cloudflare and Datadog are configured outside
 * env.php (docs/containers.md).
 */
const INTEGRATION_CONFIG_PATHS = [
    'ALGOLIA_APPLICATION_ID' => 'algoliasearch_credentials/credentials/application_id',
    'ALGOLIA_API_KEY' => 'algoliasearch_credentials/credentials/api_key',
    'ALGOLIA_SEARCH_ONLY_API_KEY' => 'algoliasearch_credentials/credentials/search_only_api_key',
    'ALGOLIA_INDEX_PREFIX' => 'algoliasearch_credentials/credentials/index_prefix',
];

/** Magento 2.4's own cache types; those of installed modules are added from their etc/cache.xml. */
const CACHE_TYPES = [
    'config', 'layout', 'block_html', 'collections', 'reflection', 'db_ddl', 'compiled_config',
    'eav', 'customer_notification', 'config_integration', 'config_integration_api',
    'graphql_query_resolver_result', 'full_page', 'config_webservice', 'translate',
];

/** Where modules declare cache types, relative to the Magento root. */
const CACHE_XML_GLOBS = ['vendor/*/*/etc/cache.xml', 'vendor/*/*/src/etc/cache.xml', 'app/code/*/*/etc/cache.xml'];

const REDIS_BACKEND = 'Magento\\Framework\\Cache\\Backend\\Redis';

/** Where the php-fpm image keeps AWS's RDS CA bundle (php-fpm.Dockerfile fetches it at build time). */
const RDS_CA_BUNDLE = '/usr/local/share/magecloudkit/rds-global-bundle.pem';

/**
 * pdo_mysql's attribute numbers as Magento's driver_options keys (ConfigOptionsListConstants::KEY_MYSQL_SSL_CA,
 * KEY_MYSQL_SSL_VERIFY): the image's PDO constants; without pdo_mysql (tests) their mysqlnd values, which the php
 * image builds with (Magento itself hard-codes 1014).
 */
function mysqlAttribute(string $name, int $mysqlnd): int
{
    return defined('PDO::' . $name) ? constant('PDO::' . $name) : $mysqlnd;
}

final class EnvReader
{
    /** @var list<string> */
    public array $problems = [];

    public function __construct(private readonly ?string $discoveryDomain)
    {
    }

    public function optional(string $name, ?string $default = null): ?string
    {
        $value = getenv($name);
        return ($value === false || $value === '') ? $default : $value;
    }

    public function required(string $name): string
    {
        $value = $this->optional($name);
        if ($value === null) {
            $this->problems[] = $name;
            return '';
        }
        return $value;
    }

    /** A host given explicitly, else its discovery name, else a problem. */
    public function host(string $name, string $record): string
    {
        $value = $this->optional($name);
        if ($value !== null) {
            return $value;
        }
        if ($this->discoveryDomain !== null) {
            return $record . '.' . $this->discoveryDomain;
        }
        $this->problems[] = "$name (or MCK_DISCOVERY_DOMAIN)";
        return '';
    }

    public function port(string $name, string $default): string
    {
        $value = $this->optional($name, $default);
        if (preg_match('/^[0-9]+$/', $value) !== 1 || (int) $value < 1 || (int) $value > 65535) {
            $this->problems[] = "$name (not a port number)";
        }
        return $value;
    }

    public function number(string $name, string $default): string
    {
        $value = $this->optional($name, $default);
        if (preg_match('/^[0-9]+$/', $value) !== 1) {
            $this->problems[] = "$name (not a number)";
        }
        return $value;
    }

    public function flag(string $name, bool $default): bool
    {
        $value = $this->optional($name);
        if ($value === null) {
            return $default;
        }
        $parsed = filter_var($value, FILTER_VALIDATE_BOOLEAN, FILTER_NULL_ON_FAILURE);
        if ($parsed === null) {
            $this->problems[] = "$name (not true/false)";
            return $default;
        }
        return $parsed;
    }

    public function oneOf(string $name, string $default, array $allowed): string
    {
        $value = $this->optional($name, $default);
        if (!in_array($value, $allowed, true)) {
            $this->problems[] = "$name (one of " . implode('/', $allowed) . ')';
        }
        return $value;
    }
}

/** Sets $value at a slash-separated path inside $tree. */
function setPath(array &$tree, string $path, mixed $value): void
{
    $node = &$tree;
    foreach (explode('/', $path) as $key) {
        if (!isset($node[$key]) || !is_array($node[$key])) {
            $node[$key] = [];
        }
        $node = &$node[$key];
    }
    $node = $value;
}

/**
 * Every cache type of the tree enabled, except those named in MAGENTO_CACHE_TYPES_DISABLED:
 * Magento treats a type missing from env.php as disabled, so a module's own type must be listed.
 */
function cacheTypes(EnvReader $env, string $root): array
{
    $types = CACHE_TYPES;
    foreach (CACHE_XML_GLOBS as $pattern) {
        foreach (glob($root . '/' . $pattern) ?: [] as $file) {
            if (preg_match_all('/<type\s[^>]*\bname="([^"]+)"/', (string) file_get_contents($file), $found) > 0) {
                array_push($types, ...$found[1]);
            }
        }
    }
    $enabled = array_fill_keys(array_values(array_unique($types)), 1);
    $disabled = $env->optional('MAGENTO_CACHE_TYPES_DISABLED');
    foreach ($disabled === null ? [] : preg_split('/[\s,]+/', $disabled, -1, PREG_SPLIT_NO_EMPTY) as $type) {
        if (!isset($enabled[$type])) {
            $env->problems[] = "MAGENTO_CACHE_TYPES_DISABLED (no cache type $type)";
            continue;
        }
        $enabled[$type] = 0;
    }
    return $enabled;
}

/**
 * The GraphQL cache-id salt (Magento 2.4.7+, cache/graphql/id_salt): the same in every task, or
 * each task would generate its own and GraphQL responses would be cached once per task.
 */
function graphQlIdSalt(EnvReader $env, string $cryptKey): string
{
    $salt = $env->optional('MAGENTO_GRAPHQL_ID_SALT');
    if ($salt !== null) {
        return $salt;
    }
    // Derived one-way from the crypt key, which every task shares already.
    return substr(hash_hmac('sha256', 'magecloudkit graphql id_salt', $cryptKey), 0, 32);
}

/**
 * Magento's own SMTP transport (2.4.7+, Magento\Email\Model\Transport), or mail switched off
 * on purpose: the container has no sendmail, so PHP's mail() could only fail.
 */
function smtpConfig(EnvReader $env): array
{
    $host = $env->optional('MAGENTO_SMTP_HOST');
    if ($host === null) {
        return ['disable' => '1'];
    }
    $username = $env->optional('MAGENTO_SMTP_USERNAME');
    return [
        'disable' => '0',
        'transport' => 'smtp',
        'host' => $host,
        'port' => $env->port('MAGENTO_SMTP_PORT', '587'),
        'username' => $username ?? '',
        'password' => $username === null ? '' : $env->required('MAGENTO_SMTP_PASSWORD'),
        'auth' => $env->oneOf('MAGENTO_SMTP_AUTH', $username === null ? 'none' : 'login', ['none', 'plain', 'login']),
        'ssl' => $env->oneOf('MAGENTO_SMTP_SSL', 'none', ['none', 'ssl', 'tls']),
    ];
}

/**
 * ashsmith/magento-bugsnag-notifier-module reads its settings from the deployment configuration
 * (env.php bugsnag/..., src/Lib/Config.php); nothing is written without a key.
 */
function bugsnagConfig(EnvReader $env): ?array
{
    $apiKey = $env->optional('BUGSNAG_API_KEY');
    if ($apiKey === null) {
        return null;
    }
    $bugsnag = ['enabled' => '1', 'api_key' => $apiKey];
    foreach (['release_stage' => 'BUGSNAG_RELEASE_STAGE', 'endpoint' => 'BUGSNAG_ENDPOINT'] as $key => $name) {
        $value = $env->optional($name);
        if ($value !== null) {
            $bugsnag[$key] = $value;
        }
    }
    return $bugsnag;
}

/**
 * nosto/module-nostotagging keeps one account per store view (Helper/Account.php):
 * nosto_tagging/settings/account, .../tokens (a JSON object of token name => value) and
 * .../domain at the store scope. NOSTO_ACCOUNTS is one JSON secret:
 *   {"<store code>": {"account": "...", "tokens": {"sso": "...", ...}, "domain": "..."}}
 *
 * @return array<string, array> settings per store code
 */
function nostoConfig(EnvReader $env): array
{
    $json = $env->optional('NOSTO_ACCOUNTS');
    if ($json === null) {
        return [];
    }
    $accounts = json_decode($json, true);
    $stores = [];
    foreach (is_array($accounts) && !array_is_list($accounts) ? $accounts : [null] as $store => $account) {
        if (!is_string($store) || preg_match('/^[a-z0-9_]+$/', $store) !== 1
            || !is_array($account) || !is_string($account['account'] ?? null) || $account['account'] === ''
            || !is_array($account['tokens'] ?? null) || array_is_list($account['tokens'])
            || count(array_filter($account['tokens'], 'is_string')) !== count($account['tokens'])
            || !is_string($account['domain'] ?? '')) {
            // The value is a secret: say what is wrong with it, never show it.
            $env->problems[] = 'NOSTO_ACCOUNTS (a JSON object {"<store code>": {"account": "...", "tokens": {"<name>": "..."}}})';
            return [];
        }
        $settings = ['account' => $account['account'], 'tokens' => json_encode($account['tokens'], JSON_THROW_ON_ERROR)];
        if (isset($account['domain'])) {
            $settings['domain'] = $account['domain'];
        }
        $stores[$store] = ['nosto_tagging' => ['settings' => $settings]];
    }
    return $stores;
}

/**
 * Message-queue consumers, as Magento reads them (MessageQueue's ConsumersRunner and
 * ConfigOptionsList): cron's consumers_runner job starts them (cron_run, a boolean), each handles
 * at most max_messages (an integer) and, with queue/consumers_wait_for_messages 0 (an integer:
 * Magento compares it with === 1), exits once its queue is empty instead of waiting forever.
 *
 * @return array{cron_consumers_runner: array, queue: array}
 */
function consumersConfig(EnvReader $env): array
{
    $only = $env->optional('MAGENTO_CONSUMERS');
    $runner = [
        'cron_run' => $env->flag('MAGENTO_CONSUMERS_CRON_RUN', true),
        'max_messages' => (int) $env->number('MAGENTO_CONSUMERS_MAX_MESSAGES', '1000'),
        'consumers' => $only === null ? [] : preg_split('/[\s,]+/', $only, -1, PREG_SPLIT_NO_EMPTY),
    ];
    return [
        'cron_consumers_runner' => $runner,
        'queue' => ['consumers_wait_for_messages' => $env->flag('MAGENTO_CONSUMERS_WAIT_FOR_MESSAGES', false) ? 1 : 0],
    ];
}

function buildConfig(EnvReader $env): array
{
    $tls = $env->flag('MAGENTO_REDIS_TLS', false);
    $redisServer = static fn (string $host): string => ($tls && !str_contains($host, '://')) ? 'tls://' . $host : $host;

    $dbHost = $env->host('MAGENTO_DB_HOST', 'db');
    $dbPort = $env->port('MAGENTO_DB_PORT', '3306');
    $dbConnection = [
        'host' => $dbHost . ':' . $dbPort,
        'dbname' => $env->required('MAGENTO_DB_NAME'),
        'username' => $env->required('MAGENTO_DB_USER'),
        'password' => $env->required('MAGENTO_DB_PASSWORD'),
        'model' => 'mysql4',
        'engine' => 'innodb',
        'initStatements' => 'SET NAMES utf8;',
        'active' => '1',
    ];
    // Aurora requires TLS (require_secure_transport): pdo_mysql uses it when given a CA, and checks the
    // certificate's name against the host, so MAGENTO_DB_HOST is the cluster's endpoint on AWS.
    if ($env->flag('MAGENTO_DB_SSL', true)) {
        $dbConnection['driver_options'] = [
            mysqlAttribute('MYSQL_ATTR_SSL_CA', 1009) => $env->optional('MAGENTO_DB_SSL_CA', RDS_CA_BUNDLE),
            mysqlAttribute('MYSQL_ATTR_SSL_VERIFY_SERVER_CERT', 1014) => $env->flag('MAGENTO_DB_SSL_VERIFY', true),
        ];
    }
    $db = [
        'table_prefix' => $env->optional('MAGENTO_DB_TABLE_PREFIX', ''),
        'connection' => ['default' => $dbConnection],
    ];
    $readerHost = $env->optional('MAGENTO_DB_READER_HOST');
    if ($readerHost !== null) {
        $db['slave_connection'] = ['default' => ['host' => $readerHost . ':' . $dbPort] + $dbConnection];
    }

    $cacheHost = $env->host('MAGENTO_REDIS_CACHE_HOST', 'redis-cache');
    $cachePort = $env->port('MAGENTO_REDIS_CACHE_PORT', '6379');
    $cachePassword = $env->optional('MAGENTO_REDIS_CACHE_PASSWORD', '');
    $cacheOptions = static fn (string $database, string $compress): array => [
        'server' => $redisServer($cacheHost),
        'port' => $cachePort,
        'database' => $database,
        'password' => $cachePassword,
        'compress_data' => $compress,
        'compression_lib' => '',
    ];
    $idPrefix = $env->optional('MAGENTO_CACHE_ID_PREFIX', 'mck_');
    $cache = [
        'frontend' => [
            'default' => [
                'id_prefix' => $idPrefix,
                'backend' => REDIS_BACKEND,
                'backend_options' => $cacheOptions($env->number('MAGENTO_REDIS_CACHE_DB', '0'), '1'),
            ],
            'page_cache' => [
                'id_prefix' => $idPrefix,
                'backend' => REDIS_BACKEND,
                'backend_options' => $cacheOptions($env->number('MAGENTO_REDIS_PAGE_CACHE_DB', '1'), '0'),
            ],
        ],
        'allow_parallel_generation' => false,
    ];

    $session = [
        'save' => 'redis',
        'redis' => [
            'host' => $redisServer($env->host('MAGENTO_REDIS_SESSION_HOST', 'redis-session')),
            'port' => $env->port('MAGENTO_REDIS_SESSION_PORT', '6379'),
            'password' => $env->optional('MAGENTO_REDIS_SESSION_PASSWORD', ''),
            'timeout' => '2.5',
            'persistent_identifier' => '',
            'database' => $env->number('MAGENTO_REDIS_SESSION_DB', '0'),
            'compression_threshold' => '2048',
            'compression_library' => 'gzip',
            'log_level' => '1',
            'max_concurrency' => '6',
            'break_after_frontend' => '5',
            'break_after_adminhtml' => '30',
            'first_lifetime' => '600',
            'bot_first_lifetime' => '60',
            'bot_lifetime' => '7200',
            'disable_locking' => '0',
            'min_lifetime' => '60',
            'max_lifetime' => '2592000',
        ],
    ];

    $searchScheme = $env->oneOf('MAGENTO_SEARCH_SCHEME', 'https', ['http', 'https']);
    $searchUser = $env->optional('MAGENTO_SEARCH_USERNAME');
    $search = [
        'engine' => 'opensearch',
        'opensearch_server_hostname' => $searchScheme . '://' . $env->host('MAGENTO_SEARCH_HOST', 'search'),
        'opensearch_server_port' => $env->port('MAGENTO_SEARCH_PORT', $searchScheme === 'https' ? '443' : '9200'),
        'opensearch_index_prefix' => $env->optional('MAGENTO_SEARCH_INDEX_PREFIX', 'magento2'),
        'opensearch_enable_auth' => $searchUser === null ? '0' : '1',
        'opensearch_username' => $searchUser ?? '',
        'opensearch_password' => $searchUser === null ? '' : $env->required('MAGENTO_SEARCH_PASSWORD'),
        'opensearch_server_timeout' => $env->number('MAGENTO_SEARCH_TIMEOUT', '15'),
    ];

    $system = ['default' => ['catalog' => ['search' => $search]]];
    $baseUrl = $env->optional('MAGENTO_BASE_URL');
    if ($baseUrl !== null) {
        $baseUrl = rtrim($baseUrl, '/') . '/';
        setPath($system, 'default/web/unsecure/base_url', $baseUrl);
        setPath($system, 'default/web/secure/base_url', $baseUrl);
        setPath($system, 'default/web/secure/use_in_frontend', '1');
        setPath($system, 'default/web/secure/use_in_adminhtml', '1');
    }
    foreach (INTEGRATION_CONFIG_PATHS as $name => $path) {
        $value = $env->optional($name);
        if ($value !== null) {
            setPath($system, 'default/' . $path, $value);
        }
    }
    $system['default']['system']['smtp'] = smtpConfig($env);
    $nosto = nostoConfig($env);
    if ($nosto !== []) {
        $system['stores'] = $nosto;
    }

    $cryptKey = $env->required('MAGENTO_CRYPT_KEY');
    $cache['graphql'] = ['id_salt' => graphQlIdSalt($env, $cryptKey)];
    $root = rtrim($env->optional('MAGENTO_ROOT', '/var/www/magento'), '/');
    $config = [
        'backend' => ['frontName' => $env->optional('MAGENTO_BACKEND_FRONTNAME', 'admin')],
        'crypt' => ['key' => $cryptKey],
        'db' => $db,
        'resource' => ['default_setup' => ['connection' => 'default']],
        'x-frame-options' => 'SAMEORIGIN',
        'MAGE_MODE' => $env->oneOf('MAGENTO_MODE', 'production', ['production', 'developer', 'default']),
        'session' => $session,
        'cache' => $cache,
        'lock' => ['provider' => 'db'],
        'cache_types' => cacheTypes($env, $root),
        'directories' => ['document_root_is_pub' => true],
        // Magento treats the application as installed only when this is present.
        'install' => ['date' => $env->optional('MAGENTO_INSTALL_DATE', 'Thu, 01 Jan 2026 00:00:00 +0000')],
        'system' => $system,
    ] + consumersConfig($env);
    if ($baseUrl !== null) {
        $config['downloadable_domains'] = [parse_url($baseUrl, PHP_URL_HOST) ?: ''];
    }
    $bugsnag = bugsnagConfig($env);
    if ($bugsnag !== null) {
        $config['bugsnag'] = $bugsnag;
    }
    return $config;
}

/** Resolves a symlink chain so the real file is replaced (rename over a link replaces the link). */
function resolveTarget(string $target): string
{
    for ($hops = 0; is_link($target) && $hops < 8; $hops++) {
        $link = readlink($target);
        if ($link === false) {
            break;
        }
        $target = str_starts_with($link, '/') ? $link : dirname($target) . '/' . $link;
    }
    return $target;
}

/** Writes atomically: a temporary file in the same directory, mode 0640, then rename. */
function writeAtomically(string $target, string $content): void
{
    $dir = dirname($target);
    if (!is_dir($dir) && !@mkdir($dir, 0750, true)) {
        throw new RuntimeException("cannot create directory $dir");
    }
    $temporary = $dir . '/.env.php.' . bin2hex(random_bytes(6)) . '.tmp';
    $handle = @fopen($temporary, 'x');
    if ($handle === false) {
        throw new RuntimeException("cannot create $temporary: " . (error_get_last()['message'] ?? 'unknown error'));
    }
    try {
        // Restrict before any secret is in the file.
        if (!chmod($temporary, 0640)
            || fwrite($handle, $content) !== strlen($content)
            || !fflush($handle)) {
            throw new RuntimeException("cannot write $temporary");
        }
        fclose($handle);
        $handle = null;
        if (!@rename($temporary, $target)) {
            throw new RuntimeException("cannot rename $temporary to $target");
        }
    } finally {
        if ($handle !== null) {
            fclose($handle);
        }
        if (file_exists($temporary)) {
            @unlink($temporary);
        }
    }
}

function main(array $argv): int
{
    $env = new EnvReader((getenv('MCK_DISCOVERY_DOMAIN') ?: null));
    $target = $argv[1] ?? $env->optional('MAGENTO_ENV_PHP')
        ?? rtrim($env->optional('MAGENTO_ROOT', '/var/www/magento'), '/') . '/app/etc/env.php';

    $config = buildConfig($env);
    if ($env->problems !== []) {
        fwrite(STDERR, 'write-env-php: cannot write ' . $target . ': missing or invalid environment variables: '
            . implode(', ', $env->problems) . PHP_EOL);
        return 1;
    }

    $content = "<?php\n"
        . "// Generated by MageCloudKit (write-env-php.php) from environment variables at container start.\n"
        . "// Do not edit: it is rewritten at every start.\n"
        . 'return ' . var_export($config, true) . ";\n";
    try {
        writeAtomically(resolveTarget($target), $content);
    } catch (RuntimeException $e) {
        fwrite(STDERR, 'write-env-php: ' . $e->getMessage() . PHP_EOL);
        return 1;
    }
    fwrite(STDERR, "write-env-php: wrote $target" . PHP_EOL);
    if ($config['system']['default']['system']['smtp']['disable'] === '1') {
        fwrite(STDERR, 'write-env-php: e-mail sending is disabled: MAGENTO_SMTP_HOST is not set' . PHP_EOL);
    }
    return 0;
}

exit(main($argv));
