<?php
return [
    'modules' => [
        'Magento_Store' => 1,
        'Demo_Shop' => 1,
    ],
];
