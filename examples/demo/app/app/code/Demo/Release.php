<?php
namespace Demo;

/** Which build this is: the demo writes a new line here for v2, so the images differ. */
final class Release
{
    public const VERSION = 'v1';
}
