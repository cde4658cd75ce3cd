package main

func runIntercept(file obj) {}
