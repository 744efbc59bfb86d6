#ifndef DSR_CARCHIVE_SHIM_H
#define DSR_CARCHIVE_SHIM_H

#include <archive.h>
#include <archive_entry.h>

// Swift does not import cast macros such as AE_IFREG; re-export them as constants.
static const unsigned int CARCHIVE_AE_IFREG = AE_IFREG;
static const unsigned int CARCHIVE_AE_IFDIR = AE_IFDIR;
static const int CARCHIVE_OK = ARCHIVE_OK;
static const int CARCHIVE_EOF = ARCHIVE_EOF;
static const int CARCHIVE_WARN = ARCHIVE_WARN;
static const int CARCHIVE_FATAL = ARCHIVE_FATAL;

#endif
