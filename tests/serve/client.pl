#!/usr/bin/perl
# tests/serve/client.pl: raw HTTP clients for the server tests (perl-base only).
#   client.pl slow HOST PORT COUNT SECONDS
#       opens COUNT connections and sends each one byte of a request header
#       per second for SECONDS; prints "open N" (connections the server still
#       held at the end; it closed or refused the others).
#   client.pl raw HOST PORT
#       sends standard input as is and prints the status code of the answer
#       (000 when the server closed the connection without one).
use strict;
use warnings;
use IO::Socket::INET;
use IO::Select;

my $mode = shift @ARGV;
my ($host, $port) = (shift @ARGV, shift @ARGV);
$SIG{PIPE} = 'IGNORE';

if ($mode eq 'raw') {
	local $/;
	my $req = <STDIN>;
	my $s = IO::Socket::INET->new(PeerAddr => $host, PeerPort => $port, Proto => 'tcp')
	    or die "connect: $!\n";
	$s->syswrite($req);
	shutdown($s, 1);
	my $answer = '';
	my $sel = IO::Select->new($s);
	while ($sel->can_read(5)) {
		my $n = $s->sysread(my $chunk, 65536);
		last if !$n;
		$answer .= $chunk;
	}
	print $answer =~ m{^HTTP/1\.[01] (\d{3})} ? "$1\n" : "000\n";
	exit 0;
}

my ($count, $seconds) = @ARGV;
my $header = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " . ('a' x 4096);
my @socks;
for (1 .. $count) {
	my $s = IO::Socket::INET->new(PeerAddr => $host, PeerPort => $port, Proto => 'tcp');
	push @socks, $s if $s;
}
for my $t (0 .. $seconds - 1) {
	my @alive;
	for my $s (@socks) {
		# a server that closed the connection makes it readable with EOF
		my $sel = IO::Select->new($s);
		if ($sel->can_read(0)) {
			my $n = $s->sysread(my $buf, 4096);
			if (!$n) { close $s; next; }
		}
		my $w = $s->syswrite(substr($header, $t % length($header), 1));
		if (!defined $w) { close $s; next; }
		push @alive, $s;
	}
	@socks = @alive;
	sleep 1;
}
my $open = 0;
for my $s (@socks) {
	my $sel = IO::Select->new($s);
	if ($sel->can_read(0)) {
		my $n = $s->sysread(my $buf, 4096);
		next if !$n;
	}
	$open++;
}
print "open $open\n";
